## Each data source scored per quality dimension: the profile's quality section and the portal

srcq-all-sources = All sources
srcq-table-title = Composite quality score of each data source
srcq-col-source = Data source
srcq-col-composite = Composite (0–3)
srcq-col-weakest = Weakest dimension
srcq-col-scored = Dimensions scored
srcq-weakest = { $dimension } (score { $score })
srcq-table-note = Each source is scored on what its figures on the country show (lag of the newest value, periodicity, coverage of the profile countries, breakdown by sex or age, revisions between editions, agreement with other sources and mirror gaps) and on the dimensions the Technical Working Group scores with its evidence; the composite is the weighted mean, with the Technical Working Group's weights. National submissions are scored together.
srcq-advice-source = { $source } has the lowest composite score ({ $score }), weakest on { $dimension }: raise it with the publisher, or prefer another source for the figures concerned.
srcq-web-by-source = Quality scores of each data source
srcq-web-by-source-note = Composite score from 0 (very weak) to 3 (good) of each data source for each country, from what its figures on the country show and the Technical Working Group's scores; a dash marks a source without figures for the country.

# Short names of the quality dimensions, for the heat map's column headings
srcq-dim-prerequisites = Prerequisites
srcq-dim-integrity = Integrity
srcq-dim-relevance = Relevance
srcq-dim-conformity = Conformity
srcq-dim-coverage = Coverage
srcq-dim-accuracy = Accuracy
srcq-dim-timeliness = Timeliness
srcq-dim-periodicity = Periodicity
srcq-dim-coherence = Coherence
srcq-dim-disaggregation = Breakdown
srcq-dim-accessibility = Accessibility
