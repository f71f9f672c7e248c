### Sentences of the country profiles: English.
###
### Sentences speak of "the country" and do not take its name: French and Portuguese would need
### an article and a preposition that depend on the name. Numbers arrive formatted ($value,
### $share); a $value that may be small can also arrive as a count, for plurals.
### $year is the year (or period) the figure is for.

## Stocks and flows

imm-stock = In { $year }, { $value } international migrants lived in the country, { $share } of its population.
emi-stock = In { $year }, { $value } emigrants from the country lived abroad (main country of destination: { $top_destination }).
# $sign: positive, negative or zero; $value is the absolute value.
net-migration = { $sign ->
        [positive] In { $year }, net migration was positive: arrivals exceeded departures by { $value } people.
        [negative] In { $year }, net migration was negative: departures exceeded arrivals by { $value } people.
       *[zero] In { $year }, net migration was zero: arrivals and departures balanced out.
    }
remittances = In { $year }, personal remittances received by the country amounted to { $value }, equivalent to { $share } of GDP.

## Forced displacement

refugees-hosted = In { $year }, the country hosted { $value } { $value ->
        [one] refugee
       *[other] refugees
    }.
refugees-origin = In { $year }, the number of refugees originating from the country was { $value }.
idps = At the end of { $year }, the country counted { $value } { $value ->
        [one] internally displaced person
       *[other] internally displaced persons
    }.

## Context

population = In { $year }, the country had a population of { $value }.
hdi = In { $year }, the country's Human Development Index (HDI) was { $value }.
unemployment = In { $year }, the unemployment rate was { $value }.

## Data availability and sources

no-data = No data available.
no-data-after = No data after { $year }.
two-sources-differ = For { $year }, sources differ: { $value1 } ({ $source1 }) and { $value2 } ({ $source2 }).
source-line = Source: { $sources }.
sources-line = Sources: { $sources }.
# $year: the last year with observed data.
forecast-note = Figures after { $year } are forecasts, not observed data.

## Text alternatives for charts (alt text and figure descriptions for screen readers)

chart-alt-line = Line chart: { $indicator }, { $start } to { $end }. Latest value ({ $last_period }): { $last_value }.
chart-alt-bar = Bar chart: { $indicator }, { $period }. Highest value: { $max_label } ({ $max_value }). Lowest value: { $min_label } ({ $min_value }).
chart-alt-pyramid = Age pyramid: { $population }, { $period }. Men are shown on the left and women on the right.
# $title: the chart title; $until: the last year projected.
chart-alt-forecast = Line chart: { $title }. Observed values, then projections up to { $until }, shown as a dashed line.
chart-alt-table-hint = The data behind this chart are given in the table that follows it.
