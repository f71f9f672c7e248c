### Flagged figures: the footnote that says what a mark means, and sentences that quote figures
### of several sources.

# A generated sentence whose figures come from two or more sources, followed by their names.
onefig-sentence-sources = { $sentence } (Sources: { $sources }.)

# The footnote under a block with flagged figures; $mark is the mark as printed beside the figure.
onefig-mark-u = “{ $mark }”: the publisher, or mprofile's checks at import, flag the figure as of low reliability; check it before use.
onefig-mark-p = “{ $mark }”: a provisional figure, which the publisher may still revise.
onefig-mark-e = “{ $mark }”: a figure estimated by the publisher, not counted.
onefig-mark-b = “{ $mark }”: a break in the series; the figure is not comparable with earlier years.
onefig-mark-f = “{ $mark }”: a projection, not an observed figure.
onefig-mark-inherited = A figure computed from a flagged figure carries its mark.
onefig-mark-circled = Circled points and bars outlined in dashes are flagged.

# Internally displaced persons: IDMC's published figure (conflict and violence) and the total
# mprofile sums from IDMC's modelled cells by sex and age.
onefig-idps-headline = At the end of { $year }, IDMC counted { $headline } people internally displaced by conflict and violence in the country (its published figure). With those displaced by disasters, the total is { $value }, summed by mprofile from the cells by sex and age that IDMC models, not a figure IDMC publishes.
onefig-idps-modelled = At the end of { $year }, { $value } people were internally displaced in the country by conflict and disasters, a total summed by mprofile from the cells by sex and age that IDMC models, not a figure IDMC publishes.

# The source cell of a computed figure; $sources names every source it is computed from.
onefig-computed-from = Computed from: { $sources }
# Where a block would be when its template names a code the framework lacks (the template was
# checked against another version of the framework).
onefig-template-unknown-indicator = The template names the indicator { $code }, which the indicator framework does not have; this block cannot be shown.
onefig-template-unknown-theme = The template names the theme { $code }, which the indicator framework does not have; this block cannot be shown.
# Key figure labels of internally displaced persons: IDMC's published figure, or the total
# mprofile sums from IDMC's modelled cells when IDMC publishes none for the year.
onefig-kf-idps-headline = Internally displaced persons (conflict and violence, IDMC's published figure)
onefig-kf-idps-summed = Internally displaced persons (total summed by mprofile from IDMC's modelled cells)
