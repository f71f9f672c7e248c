## Governance registries: instruments, institutions, programmes (sections C.1–C.3)

registry-no-instruments = The policy registry holds no instrument for this country yet.
registry-no-institutions = The institutions registry holds no entry for this country yet.
registry-no-projects = The project registry holds no programme or project for this country yet.
table-ratifications = International instruments and their status
table-ratifications-compare = Ratification of international instruments by country
note-ratifications = Status as given by the source cited. Instruments that source does not cover (the 1951 Refugee Convention and its 1967 Protocol, the Palermo protocols, ILO conventions 97 and 143, the ECOWAS protocols, national texts) are entered by the Technical Working Group with their own source.
note-ratifications-compare = Year of ratification or accession; otherwise the status. Instruments: { $instruments }.
table-institutions = Institutions of migration governance
table-projects = Programmes and projects of international agencies
col-instrument = Instrument
col-status = Status
col-year = Year
col-country = Country
col-institution = Institution
col-parent = Parent body
col-mandate = Mandate
col-data-held = Data held
col-project = Programme or project
col-organisations = Organisations
col-budget = Budget
instrument-status-signed = Signed
instrument-status-ratified = Ratified or acceded
instrument-status-in-force = In force
instrument-status-adopted = Adopted
instrument-status-in-preparation = In preparation
instrument-status-expired = Expired
instrument-status-no-action = Not signed
project-status-pipeline = Pipeline
project-status-implementation = Under way
project-status-finalisation = Finalisation
project-status-closed = Closed
project-status-cancelled = Cancelled
project-status-suspended = Suspended

## Coherence view (section C.1) and the regional comparison

coherence-empty = The registry holds no instrument status for this country yet, so the coherence of its policy framework cannot be described.
coherence-empty-all = The registry holds no instrument status for any of the countries yet.
coherence-themes = { $covered } of the { $total } themes of the profile are covered by at least one instrument ratified, adopted or in force in the country.
coherence-themes-uncovered = { $count ->
    [one] No instrument recorded covers this theme: { $themes }.
   *[other] No instrument recorded covers these { $count } themes: { $themes }.
}
coherence-plan-with = Migration appears in the national development plan ({ $plan }).
coherence-plan-without = The national development plan ({ $plan }) is recorded, but not as covering any theme of the profile.
coherence-plan-none = No national development plan in force is recorded, so whether it takes up migration is not known.
coherence-fm-none = No status is recorded for the ECOWAS free-movement protocols.
coherence-fm = { $bound } of the { $entered } ECOWAS free-movement protocols recorded bind the country.
coherence-none = None recorded
coherence-yes = Yes
coherence-no = No
table-coherence = Themes of the profile and the instruments covering them
col-theme-code = Code
col-theme-name = Theme
col-instruments-covering = Instruments ratified, adopted or in force
note-coherence = Only instruments whose status in the country is recorded count; a theme marked "None recorded" may still be covered by a text the registry does not hold yet.
table-free-movement = ECOWAS free movement: protocols and their implementation
col-implementation = Implementation, as entered
table-coherence-compare = Policy coherence by country
col-themes-covered = Themes covered
col-free-movement = ECOWAS free-movement protocols binding
col-plan-migration = Migration in the development plan
note-coherence-compare = Themes of the profile covered by at least one instrument ratified, adopted or in force; protocols bound out of those whose status is recorded. An empty cell means nothing is recorded.
registry-no-projects-all = The project registry holds no programme or project for any of the countries yet.
col-projects = Projects
table-projects-compare = Programmes and projects by country and theme
note-projects-compare = Number of projects recorded for each country; a project counts in every theme it covers.

## Portal: policy and programmes pages, registry downloads

web-policy-title = Policy framework: { $country }
web-programmes-title = Programmes and projects: { $country }
web-policy-regional-title = Policies and programmes compared
web-policy-intro = The instruments, their status in the country, how they cover the themes of the profile, and the institutions of migration governance. Every entry names its source.
web-programmes-intro = The programmes and projects of international agencies in the country, as published by the agencies (IATI) or entered by the Technical Working Group.
web-policy-regional-intro = The ten countries side by side: ratifications, policy coherence and the projects recorded per theme.
web-policy-link = Policy framework and institutions
web-programmes-link = Programmes of international agencies
web-policy-regional-link = Policies and programmes compared across countries
web-registry-download = Download the registry
web-registry-instruments = Instruments and their status
web-registry-institutions = Institutions
web-registry-projects = Programmes and projects
web-registry-country-page = Full profile of { $country }

## TWG workspace: registry entries

ws-registry-title = Policy registry: { $country }
ws-registry-not-secretariat = Only the secretariat, the chairs and the members of the country's Technical Working Group may work on its registry.
ws-registry-edit = Edit
ws-registry-new = Add a status
ws-registry-change = Change this status
ws-registry-f-instrument = Instrument code (upper-case letters, digits and _)
ws-registry-f-responsible = Body responsible
ws-registry-f-note = Note (for ECOWAS protocols: how far they are applied)
ws-registry-f-source = Source (gazette, treaty record or document, with its date)
ws-registry-f-new-instrument = Only for an instrument not yet in the registry
ws-registry-f-kind = Kind
ws-registry-f-short = Short name
ws-registry-f-title = Title, as published
ws-registry-f-themes = Themes of the profile it covers
ws-registry-f-citation = Official citation
ws-registry-f-link = Link to the text
ws-registry-save = Save
ws-registry-link = Policy registry
