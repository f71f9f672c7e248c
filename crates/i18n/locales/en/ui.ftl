### Interface of the web portal and of the HTML and PDF documents: English.
###
### Conventions (a test enforces the first three):
### - Every message exists in en, fr and pt-PT with the same $variables, and none is empty.
### - Ids are kebab-case. Numbers, dates and periods arrive already formatted as text;
###   counts used for plurals arrive as numbers and are formatted by the code.
### - French puts a no-break space (U+00A0) before ":" and a narrow no-break space (U+202F)
###   before ";", "!" and "?".
### - Names of countries, sources and indicators only appear in label positions
###   ("Profil migratoire : Côte d'Ivoire"), never after an article or a preposition. English
###   too: "Migration Profile of Central African Republic" would need "the".

## Site and navigation

site-title = Migration Profiles
home = Home
country-profiles = Country profiles
indicators = Indicators
themes = Themes
sources = Sources
source = Source
search = Search
search-placeholder = Search indicators, countries, themes…
search-no-results = No results for “{ $query }”.
download = Download
download-data = Download the data (CSV)
download-pdf = Download the profile (PDF)
about = About
language = Language
skip-to-content = Skip to content
previous = Previous
next = Next
regional-comparison = Regional comparison
country = Country
region = Region

## Tables and charts

table = Table
chart = Chart
definition = Definition
unit = Unit
year = Year
period = Period
value = Value
status = Status
notes = Notes
no-data-label = No data
data-gaps = Data gaps
data-behind-chart = Data behind this chart

## Documents

profile-title = Migration Profile: { $country }
key-figures = Key figures
contents = Contents
page = Page
page-of = Page { $page } of { $pages }
figure = Figure
figure-numbered = Figure { $number }
table-numbered = Table { $number }
edition = Edition
generated-on = Generated on { $date }
last-updated = Last updated: { $date }
published-by = Published by the Technical Working Group on Migration Statistics, { $country }

## Observation status (SDMX CL_OBS_STATUS), as short labels next to a value or in a legend.
## The id ends with the SDMX code in lower case.

obs-status-a = normal value
obs-status-b = break in time series
obs-status-d = definition differs
obs-status-e = estimated
obs-status-f = forecast
obs-status-g = experimental
obs-status-i = imputed
obs-status-j = derogation
obs-status-k = included in another category
obs-status-l = not collected
obs-status-m = not applicable
obs-status-n = not significant
obs-status-o = missing
obs-status-p = provisional
obs-status-q = confidential
obs-status-s = strike or special event
obs-status-u = low reliability
obs-status-v = unvalidated
obs-status-w = includes another category
obs-status-h = holiday or weekend

# The printed publication: lists after the contents.
list-of-figures = List of figures
list-of-tables = List of tables
