# Bilan des prévisions de l'édition précédente face à ce qui s'est produit depuis.
forecast-track-title = Bilan des prévisions publiées dans l'édition { $edition }
forecast-track-col-published = Prévision publiée
forecast-track-col-interval = Son intervalle à 80 %
forecast-track-col-observed = Valeur observée depuis
forecast-track-col-error = Écart (observé moins prévu)
forecast-track-col-inside = Dans l'intervalle à 80 %
forecast-track-yes = oui
forecast-track-no = non
forecast-track-summary = { $inside } des { $n } valeurs observées depuis l'édition { $edition } se situent dans l'intervalle à 80 % qu'elle a publié ; huit sur dix devraient s'y trouver.
forecast-track-none-observed = L'édition { $edition } a publié des prévisions à partir de { $year } ; rien n'a été observé pour ces années depuis, de sorte que leur précision ne peut pas encore être jugée.
forecast-track-note = Chaque prévision est celle que l'édition précédente a publiée, telle qu'elle a été figée ; la valeur observée est la dernière publiée pour la même année.
forecast-no-history = Pas de prévision : aucune série de { $history } pour ce pays.

# Colonnes des téléchargements de prévisions.
dl-fc-median = Médiane
dl-fc-lo80 = Intervalle à 80 %, borne inférieure
dl-fc-hi80 = Intervalle à 80 %, borne supérieure
dl-fc-lo95 = Intervalle à 95 %, borne inférieure
dl-fc-hi95 = Intervalle à 95 %, borne supérieure
dl-fc-method = Méthode
dl-fc-kind = Type de série
dl-fc-mase = Erreur de la méthode au test rétrospectif (MASE)
dl-fc-naive-mase = Erreur de la persistance au test rétrospectif (MASE)
dl-fc-cover80 = Couverture de l'intervalle à 80 % au test rétrospectif (%)
dl-fc-cover95 = Couverture de l'intervalle à 95 % au test rétrospectif (%)
dl-fc-dataset = Prévision (source@version)
forecast-downloads = Prévisions avec leurs intervalles, leur méthode et leur précision
