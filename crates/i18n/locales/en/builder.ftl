### Messages of the profile builder (mp-profile): document titles, generated facts, table and
### chart labels. Facts name the country with its article and prepositions (mp_render::grammar).

doc-title = Migration Profile: { $country }
doc-title-regional = Migration in West and Central Africa: the profile countries compared

## Generated facts

fact-population = { $country_The } had a population of { $value } in { $year }.
fact-imm-stock = In { $year }, { $value } international migrants lived { $country_in }, { $share } of its population.
fact-imm-stock-noshare = The number of international migrants living { $country_in } reached { $value } in { $year }.
fact-imm-female = Women made up { $share } of international migrants in { $year }.
fact-imm-origins = The largest group of immigrants came from { $top_the }: { $top_value }, or { $top_share } of the { $value } international migrants counted in { $year }.
fact-emi-stock = Emigrants from { $country_the } living abroad numbered { $value } in { $year }; the main destination was { $top_the } ({ $top_value }, { $top_share } of emigrants).
fact-imm-change = From { $from } to { $to }, the number of international migrants { $direction ->
        [up] rose by { $change }
       *[down] fell by { $change }
    }.
fact-emi-ecowas = Other ECOWAS member states were home to { $share } of the emigrants from { $country_the } in { $year }.
fact-net-migration = { $sign ->
        [positive] { $country_In }, more people arrived than left in { $year }: net migration was +{ $value } people ({ $rate } per 1,000 inhabitants).
        [negative] { $country_In }, more people left than arrived in { $year }: net migration was { $value } people ({ $rate } per 1,000 inhabitants).
       *[zero] { $country_In }, arrivals and departures balanced out in { $year } ({ $rate } per 1,000 inhabitants).
    }
fact-net-migration-norate = { $sign ->
        [positive] { $country_In }, more people arrived than left in { $year }: net migration was +{ $value } people.
        [negative] { $country_In }, more people left than arrived in { $year }: net migration was { $value } people.
       *[zero] { $country_In }, arrivals and departures balanced out in { $year }.
    }
fact-remittances = Personal remittances received by { $country_the } amounted to { $value } in { $year }, or { $share } of GDP.
fact-remittances-nogdp = Personal remittances received by { $country_the } amounted to { $value } in { $year }.
fact-refugees-hosted = At the end of { $year }, { $country_the } hosted { $value } refugees.
fact-refugees-origin = Refugees from { $country_the } living in other countries numbered { $value } at the end of { $year }.
fact-idps = At the end of { $year }, { $value } people were internally displaced { $country_in }.
fact-hdi = The Human Development Index { $country_of } was { $value } in { $year }.
fact-dead-missing = On migration routes, { $value } migrants from { $country_the } were recorded dead or missing in { $year }.
fact-frontex = Irregular crossings of the European Union's external borders detected in { $year } by nationals { $country_of } numbered { $value }.
fact-eu-asylum = Nationals { $country_of } lodged { $value } first-time asylum applications in European countries in { $year }.
fact-unemployment = The unemployment rate { $country_in } was { $value } in { $year }; among young people aged 15–24 it was { $youth }.
fact-unemployment-noyouth = The unemployment rate { $country_in } was { $value } in { $year }.
fact-forecast-pop = Under the UN medium variant, the population { $country_of } would reach { $value } in 2050, from { $now } in { $year }.
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
