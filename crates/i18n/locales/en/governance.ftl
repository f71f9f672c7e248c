# Findings of the coherence view (Part D) and the regional comparison in plain language.

gov-finding-empty = The registry records no instrument for { $country_the } yet, so no finding on the coherence of its policy framework can be drawn; the Technical Working Group can enter the texts with their sources.
gov-finding-all-covered = Each of the { $total } themes of the profile is covered by at least one instrument ratified, adopted or in force { $country_in }.
gov-finding-uncovered = { $count ->
    [one] No instrument recorded for { $country_the } covers one theme of the profile ({ $themes }): the Technical Working Group can check whether a text exists and enter it, or consider the theme when the next policy is prepared.
   *[other] No instrument recorded for { $country_the } covers { $count } themes of the profile ({ $themes }): the Technical Working Group can check whether texts exist and enter them, or consider these themes when the next policy is prepared.
}
gov-finding-plan-with = The national development plan ({ $plan }) takes up migration; its monitoring can draw on the figures of this profile.
gov-finding-plan-without = The national development plan ({ $plan }) is recorded without any theme of the profile: its next revision is an opportunity to take up migration.
gov-finding-plan-unknown = Whether the national development plan takes up migration is not known: no plan in force is recorded, and entering it with its source would answer the question.
gov-finding-signed = { $count ->
    [one] One instrument is signed but not ratified: { $instruments }.
   *[other] { $count } instruments are signed but not ratified: { $instruments }.
}
gov-finding-fm-open = { $count ->
    [one] One ECOWAS free-movement protocol recorded does not yet bind { $country_the }: { $instruments }.
   *[other] { $count } ECOWAS free-movement protocols recorded do not yet bind { $country_the }: { $instruments }.
}
gov-regional-empty = The registry records no instrument for any of the countries yet, so their policy frameworks cannot be compared.
gov-regional-countries = The registry records the status of instruments for { $recorded } of the { $total } countries.
gov-regional-plan = { $with ->
    [one] One country records a national development plan that takes up migration ({ $countries });
   *[other] { $with } countries record a national development plan that takes up migration ({ $countries });
} { $without } record a plan without it, and for { $unknown } no plan in force is recorded.
gov-regional-plan-none = No country records a national development plan that takes up migration: { $without } record a plan without it, and for { $unknown } no plan in force is recorded.
gov-regional-least-covered = The themes least covered across the region are { $themes }: an instrument covering them is recorded in { $covered } of the { $recorded } countries with entries.

## The registries in the TWG workspace: forms and review

gov-ws-intro = The instruments recorded for the country and their status, its institutions and the projects recorded for it. Propose an entry the public files do not give, or a correction, with the source you read it in: another member approves it, the secretariat publishes it, and every step is recorded in the audit trail.
gov-ws-review = Changes under review
gov-ws-review-none = No change is waiting for review.
gov-ws-change = Change
gov-ws-proposer = Proposed by
gov-ws-state = Stage
gov-ws-state-proposed = Proposed
gov-ws-state-approved = Approved, to publish
gov-ws-state-published = Published
gov-ws-state-rejected = Sent back
gov-ws-approve = Approve
gov-ws-publish = Publish
gov-ws-reject = Send back
gov-ws-reason = Reason
gov-ws-propose = Propose
gov-ws-not-allowed = Your role in the Technical Working Group does not allow this step.
gov-ws-form-note = The change is published once another member has approved it and the secretariat has published it.
gov-ws-statuses = Instruments and their status
gov-ws-institutions = Institutions
gov-ws-projects = Programmes and projects
gov-ws-institution = Institution
gov-ws-project = Project
gov-ws-new-institution = Add an institution
gov-ws-change-institution = Change this institution
gov-ws-new-project = Add a project
gov-ws-change-project = Change this project
gov-ws-f-instrument-described = The instrument, if the registry does not know it yet
gov-ws-f-title-fr = Title in French (if published)
gov-ws-f-title-pt = Title in Portuguese (if published)
gov-ws-f-instrument-year = Year adopted or opened for signature
gov-ws-f-name = Name, as the institution writes it
gov-ws-f-acronym = Acronym
gov-ws-f-mandate = Mandate on migration
gov-ws-f-parent = Parent body
gov-ws-f-contact = Contact point (office or unit address)
gov-ws-f-data-held = Data it holds
gov-ws-f-organisation = Organisation in the workspace
gov-ws-f-no-organisation = Not a member of the Technical Working Group
gov-ws-f-identifier = Identifier (the IATI identifier when there is one)
gov-ws-f-project-title = Title
gov-ws-f-reporting = Reporting organisation
gov-ws-f-implementing = Implementing organisations (separated by ;)
gov-ws-f-donors = Donors (separated by ;)
gov-ws-f-countries = Other countries covered (ISO codes such as MLI NER)
gov-ws-f-start = Start (YYYY-MM-DD)
gov-ws-f-end = End (YYYY-MM-DD)
gov-ws-f-budget = Budget
gov-ws-f-currency = Currency (ISO code such as USD, EUR, XOF)
gov-ws-f-results = Results
gov-ws-f-unknown = Not known
