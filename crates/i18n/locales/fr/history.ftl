### Historique d'un chiffre dans l'espace de travail du GTT : français.
### Chaque message existe en en, fr et pt-PT avec les mêmes $variables.

ws-fig-title = Historique d'un chiffre
ws-fig-what = { $indicator } · { $country } · période { $period } · source { $source }
ws-fig-published = Valeur publiée
ws-fig-not-published = Pas encore publié.
ws-fig-submission = Soumission { $id } de { $org } ({ $state })
ws-fig-values = Valeurs de cette soumission
ws-fig-dims = Ventilation
ws-fig-value = Valeur
ws-fig-step = Étape
ws-fig-who = Par
ws-fig-when = Quand (UTC)
ws-fig-reason = Motif
ws-fig-created = Créée
ws-fig-sent-back = Renvoyée
ws-fig-none = Aucune soumission de l'espace de travail ne contient ce chiffre.
ws-fig-unreadable = Le fichier de cette soumission ne peut plus être lu : { $problem }

## Limitation des connexions par adresse.
ws-ip-throttled = Trop de connexions échouées depuis cette adresse : attendez dix minutes avant de réessayer.
