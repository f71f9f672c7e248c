## Chaque source de données notée par dimension de la qualité : section qualité du profil et portail

srcq-all-sources = Toutes sources
srcq-table-title = Score composite de qualité de chaque source de données
srcq-col-source = Source de données
srcq-col-composite = Score composite (0–3)
srcq-col-weakest = Dimension la plus faible
srcq-col-scored = Dimensions notées
srcq-weakest = { $dimension } (note { $score })
srcq-table-note = Chaque source est notée d'après ce que montrent ses chiffres sur le pays (délai de la valeur la plus récente, périodicité, couverture des pays du profil, ventilation par sexe ou par âge, révisions entre éditions, concordance avec les autres sources et écarts miroir) et sur les dimensions que le groupe de travail technique note avec ses justificatifs ; le score composite en est la moyenne pondérée, avec les pondérations du groupe de travail technique. Les soumissions nationales sont notées ensemble.
srcq-advice-source = { $source } a le score composite le plus bas ({ $score }), surtout pour { $dimension } : en discuter avec l'éditeur de la source, ou préférer une autre source pour les chiffres concernés.
srcq-web-by-source = Scores de qualité de chaque source de données
srcq-web-by-source-note = Score composite de 0 (très faible) à 3 (bon) de chaque source de données pour chaque pays, d'après ce que montrent ses chiffres sur le pays et les scores du groupe de travail technique ; un tiret signale une source sans chiffres pour le pays.

# Noms courts des dimensions de la qualité, pour les en-têtes de colonne de la carte de chaleur
srcq-dim-prerequisites = Prérequis
srcq-dim-integrity = Intégrité
srcq-dim-relevance = Pertinence
srcq-dim-conformity = Conformité
srcq-dim-coverage = Couverture
srcq-dim-accuracy = Exactitude
srcq-dim-timeliness = Actualité
srcq-dim-periodicity = Périodicité
srcq-dim-coherence = Cohérence
srcq-dim-disaggregation = Ventilation
srcq-dim-accessibility = Accessibilité
