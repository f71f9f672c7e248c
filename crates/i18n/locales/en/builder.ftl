### Messages of the profile builder (mp-profile): document titles, generated facts, table and
### chart labels. Facts speak of "the country" (see profile.ftl for why).

doc-title = Migration Profile: { $country }
doc-title-regional = Migration in West and Central Africa: the profile countries compared

## Generated facts

fact-population = In { $year }, the country had a population of { $value }.
fact-imm-stock = In { $year }, { $value } international migrants lived in the country, { $share } of its population.
fact-imm-stock-noshare = In { $year }, { $value } international migrants lived in the country.
fact-imm-female = Women made up { $share } of international migrants in { $year }.
fact-imm-origins = The largest group of immigrants came from { $top }: { $top_value }, or { $top_share } of the { $value } international migrants counted in { $year }.
fact-emi-stock = In { $year }, { $value } emigrants from the country lived abroad; the main destination was { $top } ({ $top_value }, { $top_share } of emigrants).
fact-imm-change = From { $from } to { $to }, the number of international migrants { $direction ->
        [up] rose by { $change }
       *[down] fell by { $change }
    }.
fact-emi-ecowas = In { $year }, { $share } of the country's emigrants lived in another ECOWAS member state.
fact-net-migration = { $sign ->
        [positive] In { $year }, more people arrived than left: net migration was +{ $value } people ({ $rate } per 1,000 inhabitants).
        [negative] In { $year }, more people left than arrived: net migration was { $value } people ({ $rate } per 1,000 inhabitants).
       *[zero] In { $year }, arrivals and departures balanced out ({ $rate } per 1,000 inhabitants).
    }
fact-net-migration-norate = { $sign ->
        [positive] In { $year }, more people arrived than left: net migration was +{ $value } people.
        [negative] In { $year }, more people left than arrived: net migration was { $value } people.
       *[zero] In { $year }, arrivals and departures balanced out.
    }
fact-remittances = In { $year }, personal remittances received amounted to { $value }, or { $share } of GDP.
fact-remittances-nogdp = In { $year }, personal remittances received amounted to { $value }.
fact-refugees-hosted = At the end of { $year }, the country hosted { $value } refugees.
fact-refugees-origin = At the end of { $year }, { $value } refugees from the country were living in other countries.
fact-idps = At the end of { $year }, { $value } people were internally displaced in the country.
fact-hdi = The country's Human Development Index was { $value } in { $year }.
fact-dead-missing = In { $year }, { $value } migrants from the country were recorded dead or missing on migration routes.
fact-frontex = In { $year }, { $value } irregular crossings of the European Union's external borders by nationals of the country were detected.
fact-eu-asylum = In { $year }, nationals of the country lodged { $value } first-time asylum applications in European countries.
fact-unemployment = In { $year }, the unemployment rate was { $value }; among young people aged 15–24 it was { $youth }.
fact-unemployment-noyouth = In { $year }, the unemployment rate was { $value }.
fact-forecast-pop = Under the UN medium variant, the population would reach { $value } in 2050, from { $now } in { $year }.
fact-forecast-netmig = For { $year }, the UN projects net migration of { $value } people, with an 80 % interval of { $low } to { $high }.

## Notes

no-data-for = No data for { $indicator }.
no-breakdown = No breakdown of { $indicator } is available for { $year }.
computed = Computed
note-sources-differ = Sources count differently (definitions, coverage, methods); figures are shown side by side, not merged.
note-latest-year = Latest year available for each country; years may differ.
note-gaps = Indicators with no data, or none in the last six years, for this country.
area-year = { $area } ({ $year })

## Charts

chart-top = { $name }: the { $count } largest, { $year }
chart-map = { $name } by country, { $year }
chart-by-sex = { $name } by sex
chart-alt-series = Line chart: { $title }, from { $from } to { $to }, { $count } series. The data are in the table below the chart.
chart-alt-top = Bar chart: { $title }. The largest is { $first }. The data are in the table below the chart.
chart-alt-by-sex = Bar chart: { $title }, women and men. The data are in the table below the chart.
chart-alt-rank = Bar chart: { $title }, by country; the highest is { $first }.
chart-alt-map = World map: { $title }. { $count } countries are shaded by value; the largest is { $first }. The data are in the table below the map.
legend-unit = { $unit }:
series-by-source = { $name } ({ $source })
series-observed = Observed
series-projected = Projected (UN medium variant)
band-80 = 80 % prediction interval
band-95 = 95 % prediction interval

## Tables

table-compare-sources = { $name }: the sources side by side
table-compare-countries = Latest values by country
table-gaps = Data gaps
table-sources = Data sources used in this profile
col-area = Country or area
col-share-of-total = Share of total
col-source = Source
col-code = Code
col-indicator = Indicator
col-value = Value
col-period = Period
col-theme = Theme
col-last-year = Latest year with data
col-number = No.
col-vintage = Edition

# A period alone (a table cell or a chart category), formatted per language.
period-label = { $period }
