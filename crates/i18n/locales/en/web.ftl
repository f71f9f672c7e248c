### Web portal pages and downloads: English.
### Same conventions as ui.ftl (a test enforces them): every message in en, fr and pt-PT with the
### same $variables; numbers, dates and names arrive formatted; counts arrive as numbers.

## Layout

web-menu = Main menu
web-footer = Migration Profiles prepared by the national Technical Working Groups with IOM. Every figure comes with its source; every table can be downloaded.
web-download-data = Download the data:
web-downloads = Data downloads

## Errors

web-error-not-found = Page not found
web-error-not-found-hint = The address may be mistyped, or the country, indicator, theme or edition may not exist.
web-error-bad-request = The request could not be understood
web-error-bad-request-hint = Check the parameters at the end of the address, after the question mark.
web-error-server = Something went wrong on the server
web-error-server-hint = Please try again in a few minutes.

## Home

web-home-intro = Migration data of West and Central African countries, from national and international sources, in English, French and Portuguese.
web-whats-new = What's new
web-latest-imports = Latest data updates
web-latest-datasets = Latest datasets
web-no-imports = No data have been imported yet.
web-batch = { $date }: { $added ->
        [one] { $added } observation added
       *[other] { $added } observations added
    }, { $changed } changed
web-dataset-line = { $source } ({ $vintage }): { $count ->
        [one] { $count } observation
       *[other] { $count } observations
    }
web-indicators-n = { $count ->
        [one] { $count } indicator
       *[other] { $count } indicators
    }

## Country

web-all-data = Every observation this profile is built from, with its source, vintage and place in the source file.
web-editions = Editions
web-live-profile = Live profile
web-live-profile-note = latest data, updated with every import
web-edition-note = frozen, data as of { $date }

## Indicator

web-total = All (total)
web-compare-title = { $indicator }: latest value in each country
web-disaggregations = Disaggregations
web-disaggregation = Disaggregation
web-formula = Formula
web-sdg = SDG target
web-gcm = Objectives of the Global Compact for Migration
web-sources-caveats = Sources and caveats
web-series = Series by country
web-show = Show
web-computed = Computed: { $formula }
web-computed-short = computed
web-no-series = No data for this country and disaggregation.
web-by-source = { $title }: values by source

## Theme

web-coverage = Data coverage by country
web-coverage-note = Latest year with data (totals) for each indicator and country; a dash marks a gap.

## Sources

web-sources-intro = Every dataset in the store: who publishes it, under which licence, which files were read (with their SHA-256 checksums) and what they cover.
web-publisher = Publisher
web-licence = Licence
web-address = Web address
web-latest-vintage = latest, used in the profiles
web-observations = Observations stored
web-coverage-profile = Coverage of the profile countries
web-no-profile-coverage = no data for the profile countries
web-files = Files read
web-size-mb = { $size } MB
web-size-kb = { $size } kB

## Search

web-country-profile = Country profile
web-first-of = { $label } (first { $shown } of { $total })
web-search-hint = Type a country, an indicator, a theme or a source, in English, French or Portuguese.
web-search-results = { $count ->
        [one] { $count } result
       *[other] { $count } results
    } for “{ $query }”

## Column headers of the CSV and XLSX downloads

dl-indicator = Indicator code
dl-indicator-name = Indicator
dl-area = Area code
dl-area-name = Country or area
dl-period = Period
dl-dims = Disaggregation
dl-value = Value
dl-unit = Unit
dl-status = Status code
dl-status-label = Status
dl-footnote = Footnote
dl-source = Source code
dl-source-name = Source name
dl-vintage = Vintage
dl-file = File
dl-sha256 = File SHA-256
dl-locator = Place in the file
dl-id = Observation id
