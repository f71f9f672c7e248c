## Qualité des sources de données (thème T03) : la section qualité du profil d'un pays et les pages qualité du portail

quality-no-assessment = Aucune évaluation de la qualité n'est encore enregistrée pour ce pays : lancez l'évaluation de la qualité des données (mprofile quality assess) après l'import.
quality-heat-title = Qualité des sources de données, par dimension (notes de 0 à 3)
quality-score-unit = Note (0–3)
quality-heat-alt = Notes de { $count } dimensions de la qualité, de 0 (faible) à 3 (bonne) : la plus faible est { $weakest } ({ $weakest_score }), la plus forte { $strongest } ({ $strongest_score }) ; les cases vides sont des dimensions pas encore notées.
quality-heat-alt-none = Aucune dimension de la qualité n'est encore notée.
quality-not-scored = Non noté
quality-intro = Les données sur le pays obtiennent une note globale de { $score } sur 3 en { $period }, moyenne pondérée { $count ->
        [one] de la seule dimension de la qualité
       *[other] des { $count } dimensions de la qualité
    } que les données enregistrées permettent de mesurer.
quality-scores-title = Notes de qualité des sources de données ({ $source })
quality-col-dimension = Dimension de la qualité
quality-col-score = Note (0–3)
quality-col-basis = Fondement
quality-by-data = calculée à partir des données enregistrées
quality-by-twg = évaluation du groupe de travail technique
quality-weighted-mean = moyenne pondérée des notes
quality-scores-note = Les notes suivent les dimensions du DQAF du FMI et du NQAF des Nations Unies : 3 bonne, 2 acceptable, 1 faible, 0 très faible. Les éléments justificatifs de chaque note sont enregistrés avec elle (téléchargez les données du thème T03). Les conditions institutionnelles, l'intégrité, la pertinence, la conformité et l'accessibilité sont notées par le groupe de travail technique.
quality-figure-dims = { $name } (ventilation : { $dims })
quality-value-source = { $value } selon { $source }
quality-no-conflicts = Aucun chiffre n'est publié par deux sources qui diffèrent de plus de 5 %.
quality-conflicts-title = Plus grands écarts entre sources publiant le même chiffre
quality-conflicts-note = La valeur retenue est celle qu'utilise le profil, choisie selon l'ordre de préférence des sources du modèle ; l'écart est (plus grande − plus petite) / moyenne des valeurs.
quality-col-shown = Valeur retenue [source]
quality-col-other = Autre source [source]
quality-col-difference = Écart
quality-mirror-overall = Statistiques miroir : sur les couloirs déclarés des deux côtés, les deux dénombrements des émigrés du pays diffèrent au total de { $gap }.
quality-no-mirror = Aucun couloir bilatéral n'est déclaré par deux sources pour ce pays.
quality-mirror-title = Plus grands écarts des statistiques miroir : émigrés comptés par deux déclarants, par pays de destination
quality-mirror-note = Écart entre la matrice bilatérale de la Banque mondiale/KNOMAD et les dénombrements des pays de destination (DAES de l'ONU) pour la même année ; les écarts traduisent aussi des définitions (naissance ou nationalité) et des dates de référence différentes.
quality-col-partner = Pays de destination
quality-col-gap = Écart
quality-advice-heading = Ce qu'il faut améliorer en priorité :
quality-advice-timeliness = { $dimension } ({ $score }) : publier les chiffres migratoires plus tôt après la période de référence, ou diffuser des chiffres provisoires.
quality-advice-periodicity = { $dimension } ({ $score }) : collecter et publier les chiffres migratoires chaque année, pas seulement lors des recensements, par exemple à partir des registres administratifs.
quality-advice-coverage = { $dimension } ({ $score }) : renseigner les indicateurs sans valeur au moyen du modèle de soumission national.
quality-advice-disaggregation = { $dimension } ({ $score }) : publier les stocks et les flux par sexe et par groupe d'âge.
quality-advice-accuracy = { $dimension } ({ $score }) : documenter les révisions entre éditions et leurs raisons.
quality-advice-coherence = { $dimension } ({ $score }) : réconcilier les sources divergentes et indiquer celle que le profil utilise, et pourquoi.
quality-advice-prerequisites = { $dimension } ({ $score }) : donner à l'institut de statistique un mandat clair et des moyens pour les statistiques migratoires.
quality-advice-integrity = { $dimension } ({ $score }) : publier les méthodes et un calendrier de diffusion des statistiques migratoires.
quality-advice-relevance = { $dimension } ({ $score }) : consulter les utilisateurs des statistiques migratoires sur les chiffres dont ils ont besoin.
quality-advice-conformity = { $dimension } ({ $score }) : aligner les définitions sur les Recommandations des Nations Unies en matière de statistiques des migrations internationales.
quality-advice-accessibility = { $dimension } ({ $score }) : publier les chiffres en accès libre, dans des fichiers lisibles par machine, avec leurs métadonnées.
quality-advice-twg = { $count ->
        [one] Une dimension de la qualité n'est
       *[other] { $count } dimensions de la qualité ne sont
    } pas encore notées : le groupe de travail technique doit les noter, avec ses éléments justificatifs.
quality-advice-conflicts = Les sources divergent sur { $count ->
        [one] un chiffre
       *[other] { $count } chiffres
    }, surtout sur { $indicator } ({ $difference }) : le groupe de travail technique doit décider laquelle utiliser et consigner pourquoi.
quality-advice-mirror = Les deux dénombrements des émigrés du pays diffèrent de { $gap } : comparer les registres consulaires et les recensements des pays de destination pour expliquer l'écart.
quality-advice-gaps = { $count ->
        [one] Un indicateur n'a
       *[other] { $count } indicateurs n'ont
    } pas de valeur récente (voir l'annexe des lacunes) : les sources nationales doivent les renseigner au moyen du modèle de soumission.

## Pages du portail
quality-menu = Qualité des données
quality-web-country-title = Qualité des données : { $country }
quality-web-country-lead = La qualité des données sur le pays : notes de qualité des sources, divergences entre sources, statistiques miroir, lacunes à combler et contrôles signalés sur les chiffres.
quality-web-profile-link = Profil migratoire : { $country }
quality-web-regional-title = Qualité des données dans la région
quality-web-regional-lead = Couverture de chaque thème et notes de qualité des pays du profil, côte à côte.
quality-web-gaps = Lacunes dans les données
quality-web-gaps-note = Indicateurs du profil sans valeur récente pour le pays, tels que les liste l'annexe des lacunes.
quality-web-flags = Contrôles signalés sur les chiffres
quality-web-flags-note = Avertissements des règles de validation et valeurs aberrantes trouvées par des tests robustes, avec l'avis des relecteurs.
quality-web-no-flags = Aucun contrôle n'a été signalé sur les chiffres du pays.
quality-web-col-figure = Chiffre
quality-web-col-check = Contrôle
quality-web-col-expected = Attendu
quality-web-col-review = Relecture
quality-web-to-review = à relire
quality-web-checked = vérifié, correct : { $reason }
quality-web-coverage = Couverture par thème et par pays
quality-web-coverage-note = Indicateurs de chaque thème ayant une valeur récente, sur le nombre d'indicateurs du thème, tels que les compte le profil de chaque pays.
quality-web-scores = Notes de qualité par pays
quality-web-scores-note = Notes de 0 (très faible) à 3 (bonne) par dimension de la qualité, toutes sources confondues, et la note composite pondérée ; un tiret indique une dimension non notée.
quality-web-more-flags = Les { $shown } premiers des { $total } signalements ; tous : { $href }
