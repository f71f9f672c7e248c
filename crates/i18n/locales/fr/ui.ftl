### Interface du portail web et des documents HTML et PDF : français.
###
### Conventions (un test vérifie les trois premières) :
### - Chaque message existe en en, fr et pt-PT avec les mêmes $variables, et aucun n'est vide.
### - Identifiants en kebab-case. Nombres, dates et périodes arrivent déjà mis en forme ;
###   les effectifs servant aux pluriels arrivent en nombres et sont mis en forme par le code.
### - Espace insécable (U+00A0) avant « : », espace fine insécable (U+202F) avant « ; », « ! »
###   et « ? ».
### - Les noms de pays, de sources et d'indicateurs ne figurent qu'en position d'étiquette
###   (« Profil migratoire : Côte d'Ivoire »), jamais après un article ou une préposition.

## Site et navigation

site-title = Profils migratoires
home = Accueil
country-profiles = Profils par pays
indicators = Indicateurs
themes = Thèmes
sources = Sources
source = Source
search = Rechercher
search-placeholder = Rechercher un indicateur, un pays, un thème…
search-no-results = Aucun résultat pour « { $query } ».
download = Télécharger
download-data = Télécharger les données (CSV)
download-pdf = Télécharger le profil (PDF)
about = À propos
language = Langue
skip-to-content = Aller au contenu
previous = Précédent
next = Suivant
regional-comparison = Comparaison régionale
country = Pays
region = Région

## Tableaux et graphiques

table = Tableau
chart = Graphique
definition = Définition
unit = Unité
year = Année
period = Période
value = Valeur
status = Statut
notes = Notes
no-data-label = Pas de données
data-gaps = Lacunes dans les données
data-behind-chart = Données du graphique

## Documents

profile-title = Profil migratoire : { $country }
key-figures = Chiffres clés
contents = Sommaire
page = Page
page-of = Page { $page } sur { $pages }
figure = Figure
figure-numbered = Figure { $number }
table-numbered = Tableau { $number }
edition = Édition
generated-on = Généré le { $date }
last-updated = Dernière mise à jour : { $date }
published-by = Publié par le Groupe de travail technique sur les statistiques migratoires, { $country }

## Statut des observations (SDMX CL_OBS_STATUS), en étiquettes courtes à côté d'une valeur ou
## dans une légende. L'identifiant se termine par le code SDMX en minuscule.

obs-status-a = valeur normale
obs-status-b = rupture de série
obs-status-d = définition différente
obs-status-e = estimé
obs-status-f = prévision
obs-status-g = expérimental
obs-status-i = imputé
obs-status-j = dérogation
obs-status-k = inclus dans une autre catégorie
obs-status-l = non collecté
obs-status-m = sans objet
obs-status-n = non significatif
obs-status-o = manquant
obs-status-p = provisoire
obs-status-q = confidentiel
obs-status-s = grève ou événement particulier
obs-status-u = peu fiable
obs-status-v = non validé
obs-status-w = inclut une autre catégorie
obs-status-h = jour férié ou week-end

# The printed publication: lists after the contents.
list-of-figures = Liste des figures
list-of-tables = Liste des tableaux
