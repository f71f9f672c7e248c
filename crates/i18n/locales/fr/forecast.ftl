### Messages des prévisions du module de prévision de mprofile (mp-forecast) : ligne du
### graphique en éventail et tableau des prévisions de l'annexe.

series-forecast-module = Prévision (module de prévision de mprofile)
forecast-table-title = Prévisions du module de prévision de mprofile
forecast-table-none = Le module de prévision n'a produit aucune prévision pour le pays.
forecast-col-median = Prévision (médiane)
forecast-col-interval = Intervalle à 80 %
forecast-col-method = Méthode
forecast-col-skill = Performance passée
forecast-interval = de { $lo } à { $hi }
forecast-skill = Sur les trois dernières périodes comparables, cette méthode s'est trompée de { $missed } en moyenne, contre { $naive } en reconduisant simplement la dernière valeur.
forecast-skill-none = Pas de test rétrospectif : trop peu de valeurs passées.
forecast-table-note = Les prévisions sont des projections, non des observations, et restent hors des tableaux historiques. La performance passée compare les prévisions passées de chaque méthode avec ce qui s'est produit ; les erreurs sont exprimées en unités de la variation habituelle de la série d'une période à l'autre (moins de 1 : plus petite que cette variation). Huit valeurs futures sur dix devraient tomber dans l'intervalle à 80 %.
forecast-col-kind = Nature de la série
forecast-col-comparator = Projection des WPP 2024 (ONU)
forecast-kind-observed = Série observée (effectifs ou flux déclarés chaque année)
forecast-kind-estimates = Estimations publiées (quinquennales)
forecast-kind-model = Estimations modélisées des WPP de l'ONU, dont les dernières années reprennent en partie des projections antérieures
forecast-kind-unknown = Non précisée
forecast-scenario-series = Scénario : { $name }
forecast-scenario-note = Les lignes en tirets marquées « Scénario » sont des scénarios, non des prévisions : elles montrent ce qui découlerait d'une hypothèse énoncée, non ce qui est attendu.
forecast-scenario-zero = Migration nulle : autant de personnes arrivent que partent chaque année à partir de { $year }.
forecast-scenario-const = Migration constante : le solde migratoire reste à { $value } par an à partir de { $year }, sa dernière estimation.
forecast-scenario-twg = { $name } : la variante moyenne de l'ONU modifiée de { $change } par an à partir de { $year }. Hypothèse énoncée par le groupe de travail technique : { $assumption }
