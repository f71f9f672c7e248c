## Quality of data sources (theme T03): the quality section of a country's profile and the portal's quality pages

quality-no-assessment = No quality assessment is stored for this country yet: run the data quality assessment (mprofile quality assess) after importing.
quality-heat-title = Quality of the data sources, by dimension (scores 0–3)
quality-score-unit = Score (0–3)
quality-heat-alt = Scores of { $count } quality dimensions from 0 (weak) to 3 (good): the weakest is { $weakest } ({ $weakest_score }), the strongest { $strongest } ({ $strongest_score }); empty cells are dimensions not yet scored.
quality-heat-alt-none = No quality dimension is scored yet.
quality-not-scored = Not scored
quality-intro = The data on the country score { $score } out of 3 overall in { $period }, the weighted mean of { $count ->
        [one] the one quality dimension
       *[other] the { $count } quality dimensions
    } that the stored data can show.
quality-scores-title = Quality scores of the data sources ({ $source })
quality-col-dimension = Quality dimension
quality-col-score = Score (0–3)
quality-col-basis = Basis
quality-by-data = computed from the stored data
quality-by-twg = Technical Working Group assessment
quality-weighted-mean = weighted mean of the scores
quality-scores-note = Scores follow the IMF DQAF and UN NQAF dimensions: 3 good, 2 acceptable, 1 weak, 0 very weak. The evidence of each score is stored with it (download the T03 data). Institutional prerequisites, integrity, relevance, conformity and accessibility are scored by the Technical Working Group.
quality-figure-dims = { $name } (breakdown: { $dims })
quality-value-source = { $value } from { $source }
quality-no-conflicts = No figure is published by two sources that differ by more than 5 %.
quality-conflicts-title = Largest differences between sources publishing the same figure
quality-conflicts-note = The value shown is the one the profile uses, chosen by the template's order of preference of sources; the difference is (largest − smallest) / mean of the values.
quality-col-shown = Value shown [source]
quality-col-other = Other source [source]
quality-col-difference = Difference
quality-mirror-overall = Mirror statistics: over the corridors both sides report, the two counts of the country's emigrants differ by { $gap } overall.
quality-no-mirror = No bilateral corridor is reported by two sources for this country.
quality-mirror-title = Largest mirror-statistics gaps: emigrants counted by two reporters, by country of destination
quality-mirror-note = Gap between the World Bank/KNOMAD bilateral matrix and the destination countries' counts (UN DESA) for the same year; gaps also reflect different definitions (birth or citizenship) and reference dates.
quality-col-partner = Country of destination
quality-col-gap = Gap
quality-advice-heading = What to improve first:
quality-advice-timeliness = { $dimension } ({ $score }): publish migration figures sooner after the reference period, or release preliminary figures.
quality-advice-periodicity = { $dimension } ({ $score }): collect and publish migration figures every year, not only at censuses, for instance from administrative registers.
quality-advice-coverage = { $dimension } ({ $score }): fill the indicators that have no value through the national submission template.
quality-advice-disaggregation = { $dimension } ({ $score }): publish stocks and flows by sex and by age group.
quality-advice-accuracy = { $dimension } ({ $score }): document the revisions between editions and their reasons.
quality-advice-coherence = { $dimension } ({ $score }): reconcile the sources that disagree and state which one the profile uses, and why.
quality-advice-prerequisites = { $dimension } ({ $score }): give the statistics office a clear mandate and resources for migration statistics.
quality-advice-integrity = { $dimension } ({ $score }): publish the methods and a release calendar for migration statistics.
quality-advice-relevance = { $dimension } ({ $score }): consult the users of migration statistics on the figures they need.
quality-advice-conformity = { $dimension } ({ $score }): align definitions with the UN Recommendations on Statistics of International Migration.
quality-advice-accessibility = { $dimension } ({ $score }): publish the figures openly, in machine-readable files, with their metadata.
quality-advice-twg = { $count ->
        [one] One quality dimension is
       *[other] { $count } quality dimensions are
    } not scored yet: the Technical Working Group should score them, with its evidence.
quality-advice-conflicts = Sources disagree on { $count ->
        [one] one figure
       *[other] { $count } figures
    }, most on { $indicator } ({ $difference }): the Technical Working Group should decide which one to use and record why.
quality-advice-mirror = The two counts of the country's emigrants differ by { $gap }: compare consular registers and destination countries' censuses to explain the gap.
quality-advice-gaps = { $count ->
        [one] One indicator has
       *[other] { $count } indicators have
    } no recent value (see the data-gap annex): national sources should fill them through the submission template.

## Portal pages
quality-menu = Data quality
quality-web-country-title = Data quality: { $country }
quality-web-country-lead = How good the data on the country are: the sources' quality scores, where sources disagree, the mirror statistics, the gaps to fill and the checks raised on the figures.
quality-web-profile-link = Migration Profile of { $country }
quality-web-regional-title = Data quality in the region
quality-web-regional-lead = Coverage of each theme and the quality scores of the profile countries, side by side.
quality-web-gaps = Data gaps
quality-web-gaps-note = Indicators of the profile without a recent value for the country, as the data-gap annex lists them.
quality-web-flags = Checks raised on the figures
quality-web-flags-note = Warnings of the validation rules and outliers found by robust tests, with the reviewers' verdicts.
quality-web-no-flags = No check was raised on the country's figures.
quality-web-col-figure = Figure
quality-web-col-check = Check
quality-web-col-expected = Expected
quality-web-col-review = Review
quality-web-to-review = to review
quality-web-checked = checked, correct: { $reason }
quality-web-coverage = Coverage by theme and country
quality-web-coverage-note = Indicators of each theme with a recent value, out of the theme's indicators, as each country's profile counts them.
quality-web-scores = Quality scores by country
quality-web-scores-note = Scores from 0 (very weak) to 3 (good) per quality dimension, all sources together, and the weighted composite; a dash marks a dimension not scored.
quality-web-more-flags = The first { $shown } of { $total } flags; all of them: { $href }
