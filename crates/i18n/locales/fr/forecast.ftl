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
