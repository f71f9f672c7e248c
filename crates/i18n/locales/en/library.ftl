### The document library, data-collection guides and texts awaiting writing: English.
### Every message exists in en, fr and pt-PT with the same $variables.

library-awaiting-text = [Awaiting text] This section's text has not been written or approved yet in this language.

## The library on the portal.
library-heading = Library
library-intro = Technical papers, training material, methodological notes and national reports of the Technical Working Groups.
library-filter = Filter the documents
library-area = Country or region
library-theme = Theme
library-kind = Kind of document
library-language = Language
library-indicator = Indicator code
library-all = All
library-show = Show
library-none = No document matches.
library-authors = Authors
library-themes = Themes
library-indicators = Indicators
library-older = Earlier versions
library-members-only = members only
library-regional = West and Central Africa (regional)
library-kind-technical-paper = Technical paper
library-kind-training = Training material
library-kind-method-note = Methodological note
library-kind-national-report = National report
library-file = Version { $version }, { $type }, { $size }, { $date }
library-no-file = There is no such file in the library.
library-link = Technical papers and training material in the library

## The library in the workspace.
library-ws-heading = Document library
library-ws-intro = Documents you may read, including your countries' members-only documents.
library-ws-public-page = The library as the public sees it
library-ws-add = Add a document
library-ws-country = Country (TWG)
library-ws-regional = It covers the region, not only this country
library-ws-visibility = Who may read it
library-ws-public = Everyone, on the portal
library-ws-title = Title
library-ws-indicators-hint = Indicator codes separated by commas, e.g. IMM.STOCK, REM.IN
library-ws-file = File
library-ws-file-hint = PDF, Word, Excel, PowerPoint, OpenDocument or Markdown; at most { $size } MB.
library-ws-note = What this version is or changes
library-ws-add-submit = Add the document
library-ws-version-submit = Add a new version
library-ws-make-public = Publish on the portal
library-ws-make-members = Keep for members only
library-ws-refused-file = The file was refused: { $why }.
library-ws-bad-country = Choose a country.
library-ws-no-title = Give the document a title.
library-ws-no-language = Tick the document's language or languages.
library-ws-bad-code = { $code } is not a theme or indicator of the framework.
library-ws-forbidden = Only working members of the country's TWG add documents to its library.

## The data-collection guide of an organisation.
library-guide-title = Data-collection guide: { $organisation }
library-guide-subtitle = { $country }: the indicators to report for the Migration Profile (framework version { $version })
library-guide-intro-title = What to report, how, and by when
library-guide-intro = This guide lists the indicators { $organisation } reports to the Technical Working Group of { $country }, with their definition, unit, breakdowns, recommended sources and how to report them. It is generated from the indicator framework and the organisation's assignments in the TWG workspace, so it always matches what the platform expects. Indicators that mprofile computes from others are not listed: nobody reports them.
library-guide-deadline = The figures for the { $edition } edition are due by { $date }.
library-guide-no-deadline = No deadline has been set yet for the edition being prepared; the TWG secretariat will announce it.
library-guide-template = Report { $count ->
    [one] this theme's indicator
   *[other] this theme's { $count } indicators
} with the submission template for { $country } and { $theme } (from the upload page of the TWG workspace, or mprofile template --country { $country } --theme { $theme }), or through the workspace's entry form.
library-guide-nothing = The organisation has no indicator to report: no data provider of it is assigned a theme in this country.
library-guide-ws-heading = Data-collection guides
library-guide-ws-intro = Each organisation's guide lists the indicators it reports, their definitions, the template to use and the deadline of the edition being prepared. It is generated from the framework and the assignments below, so it is always current.
library-guide-ws-none = No organisation has a data provider here yet.
