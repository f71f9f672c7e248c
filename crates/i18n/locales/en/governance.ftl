# Findings of the coherence view (Part D) and the regional comparison in plain language.

gov-finding-empty = The registry records no instrument for the country yet, so no finding on the coherence of its policy framework can be drawn; the Technical Working Group can enter the texts with their sources.
gov-finding-all-covered = Each of the { $total } themes of the profile is covered by at least one instrument ratified, adopted or in force in the country.
gov-finding-uncovered = { $count ->
    [one] No instrument recorded for the country covers one theme of the profile ({ $themes }): the Technical Working Group can check whether a text exists and enter it, or consider the theme when the next policy is prepared.
   *[other] No instrument recorded for the country covers { $count } themes of the profile ({ $themes }): the Technical Working Group can check whether texts exist and enter them, or consider these themes when the next policy is prepared.
}
gov-finding-plan-with = The national development plan ({ $plan }) takes up migration; its monitoring can draw on the figures of this profile.
gov-finding-plan-without = The national development plan ({ $plan }) is recorded without any theme of the profile: its next revision is an opportunity to take up migration.
gov-finding-plan-unknown = Whether the national development plan takes up migration is not known: no plan in force is recorded, and entering it with its source would answer the question.
gov-finding-signed = { $count ->
    [one] One instrument is signed but not ratified: { $instruments }.
   *[other] { $count } instruments are signed but not ratified: { $instruments }.
}
gov-finding-fm-open = { $count ->
    [one] One ECOWAS free-movement protocol recorded does not yet bind the country: { $instruments }.
   *[other] { $count } ECOWAS free-movement protocols recorded do not yet bind the country: { $instruments }.
}
gov-regional-empty = The registry records no instrument for any of the countries yet, so their policy frameworks cannot be compared.
gov-regional-countries = The registry records the status of instruments for { $recorded } of the { $total } countries.
gov-regional-plan = { $with ->
    [one] One country records a national development plan that takes up migration ({ $countries });
   *[other] { $with } countries record a national development plan that takes up migration ({ $countries });
} { $without } record a plan without it, and for { $unknown } no plan in force is recorded.
gov-regional-plan-none = No country records a national development plan that takes up migration: { $without } record a plan without it, and for { $unknown } no plan in force is recorded.
gov-regional-least-covered = The themes least covered across the region are { $themes }: an instrument covering them is recorded in { $covered } of the { $recorded } countries with entries.
