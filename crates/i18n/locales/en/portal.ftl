## The public Sources page, in plain words; file-level detail is on its technical page.

sources-plain-intro = Where the figures come from: who publishes each data set, under which licence, and which countries and years it covers.
sources-technical-link = Technical details: the files read, their checksums and the number of observations
sources-technical-title = Sources: technical details
sources-back = Back to the sources
sources-edition = Edition used: { $edition }
sources-earlier = Earlier editions also kept: { $editions }
sources-covers = Covers { $countries }, { $years }.
sources-figures = { $count ->
    [one] One figure in the store.
   *[other] { $count } figures in the store.
}

## An indicator's comparison of the profile countries, for a chosen year.

compare-year = Year
compare-latest = Latest figures
compare-title-year = { $indicator }: latest value up to { $year } in each country

## Under each chart of an indicator page.

chart-download = Download this chart:
