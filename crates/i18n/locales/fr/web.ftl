### Pages et téléchargements du portail web : français.
### Mêmes conventions que ui.ftl (un test les vérifie) : chaque message existe en en, fr et pt-PT
### avec les mêmes $variables ; nombres, dates et noms arrivent mis en forme.

## Mise en page

web-menu = Menu principal
web-footer = Profils migratoires préparés par les groupes de travail techniques nationaux avec l'OIM. Chaque chiffre est accompagné de sa source ; chaque tableau peut être téléchargé.
web-download-data = Télécharger les données :
web-downloads = Téléchargement des données

## Erreurs

web-error-not-found = Page introuvable
web-error-not-found-hint = L'adresse est peut-être mal saisie, ou le pays, l'indicateur, le thème ou l'édition n'existe pas.
web-error-bad-request = La demande n'a pas pu être comprise
web-error-bad-request-hint = Vérifiez les paramètres à la fin de l'adresse, après le point d'interrogation.
web-error-server = Une erreur s'est produite sur le serveur
web-error-server-hint = Veuillez réessayer dans quelques minutes.

## Accueil

web-home-intro = Données sur les migrations des pays d'Afrique de l'Ouest et du Centre, issues de sources nationales et internationales, en anglais, en français et en portugais.
web-whats-new = Nouveautés
web-latest-imports = Dernières mises à jour des données
web-latest-datasets = Derniers jeux de données
web-no-imports = Aucune donnée n'a encore été importée.
web-batch = { $date } : { $added ->
        [one] { $added } observation ajoutée
       *[other] { $added } observations ajoutées
    }, { $changed ->
        [one] { $changed } modifiée
       *[other] { $changed } modifiées
    }
web-dataset-line = { $source } ({ $vintage }) : { $count ->
        [one] { $count } observation
       *[other] { $count } observations
    }
web-indicators-n = { $count ->
        [one] { $count } indicateur
       *[other] { $count } indicateurs
    }

## Pays

web-all-data = Toutes les observations dont ce profil est tiré, avec leur source, leur millésime et leur emplacement dans le fichier source.
web-editions = Éditions
web-live-profile = Profil à jour
web-live-profile-note = dernières données, mis à jour à chaque import
web-edition-note = figée, données au { $date }

## Indicateur

web-total = Ensemble (total)
web-compare-title = { $indicator } : dernière valeur dans chaque pays
web-disaggregations = Ventilations
web-disaggregation = Ventilation
web-formula = Formule
web-sdg = Cible des ODD
web-gcm = Objectifs du Pacte mondial sur les migrations
web-sources-caveats = Sources et précautions d'emploi
web-series = Séries par pays
web-show = Afficher
web-computed = Calculé : { $formula }
web-computed-short = calculé
web-no-series = Aucune donnée pour ce pays et cette ventilation.
web-by-source = { $title } : valeurs par source

## Thème

web-coverage = Couverture des données par pays
web-coverage-note = Dernière année avec des données (totaux) pour chaque indicateur et chaque pays ; un tiret signale une lacune.

## Sources

web-sources-intro = Chaque jeu de données de la base : qui le publie, sous quelle licence, quels fichiers ont été lus (avec leur somme de contrôle SHA-256) et ce qu'ils couvrent.
web-publisher = Éditeur
web-licence = Licence d'utilisation
web-address = Adresse web
web-latest-vintage = le plus récent, utilisé dans les profils
web-observations = Observations enregistrées
web-coverage-profile = Couverture des pays des profils
web-no-profile-coverage = aucune donnée pour les pays des profils
web-files = Fichiers lus
web-size-mb = { $size } Mo
web-size-kb = { $size } ko

## Recherche

web-country-profile = Profil du pays
web-first-of = { $label } ({ $shown } premiers sur { $total })
web-search-hint = Saisissez un pays, un indicateur, un thème ou une source, en anglais, en français ou en portugais.
web-search-results = { $count ->
        [one] { $count } résultat
       *[other] { $count } résultats
    } pour « { $query } »

## En-têtes des colonnes des téléchargements CSV et XLSX

dl-indicator = Code de l'indicateur
dl-indicator-name = Indicateur
dl-area = Code de la zone
dl-area-name = Pays ou zone
dl-period = Période
dl-dims = Ventilation
dl-value = Valeur
dl-unit = Unité
dl-status = Code du statut
dl-status-label = Statut
dl-footnote = Note
dl-source = Code de la source
dl-source-name = Nom de la source
dl-vintage = Millésime
dl-file = Fichier
dl-sha256 = SHA-256 du fichier
dl-locator = Emplacement dans le fichier
dl-id = Identifiant de l'observation
