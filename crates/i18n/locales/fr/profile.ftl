### Phrases des profils de pays : français.
###
### Les phrases parlent « du pays » sans le nommer : le nom exigerait un article et une
### préposition qui en dépendent (au Sénégal, en Côte d'Ivoire). Les nombres arrivent mis en
### forme ($value, $share) ; une $value qui peut être petite peut aussi arriver en effectif,
### pour les pluriels (en français, 0 et 1 sont au singulier).
### $year est l'année (ou la période) à laquelle se rapporte le chiffre.

## Stocks et flux

imm-stock = En { $year }, { $value } migrants internationaux vivaient dans le pays, soit { $share } de sa population.
emi-stock = En { $year }, { $value } émigrants originaires du pays vivaient à l'étranger (principal pays de destination : { $top_destination }).
# $sign : positive, negative ou zero ; $value est la valeur absolue.
net-migration = { $sign ->
        [positive] En { $year }, le solde migratoire était positif : les arrivées ont dépassé les départs de { $value } personnes.
        [negative] En { $year }, le solde migratoire était négatif : les départs ont dépassé les arrivées de { $value } personnes.
       *[zero] En { $year }, le solde migratoire était nul : les arrivées et les départs se sont équilibrés.
    }
remittances = En { $year }, les envois de fonds personnels reçus par le pays s'élevaient à { $value }, soit { $share } du PIB.

## Déplacements forcés

refugees-hosted = En { $year }, le pays accueillait { $value } { $value ->
        [one] réfugié
       *[other] réfugiés
    }.
refugees-origin = En { $year }, le nombre de réfugiés originaires du pays s'élevait à { $value }.
idps = À la fin de { $year }, le pays comptait { $value } { $value ->
        [one] personne déplacée interne
       *[other] personnes déplacées internes
    }.

## Contexte

population = En { $year }, le pays comptait { $value } habitants.
hdi = En { $year }, l'indice de développement humain (IDH) du pays était de { $value }.
unemployment = En { $year }, le taux de chômage s'élevait à { $value }.

## Disponibilité des données et sources

no-data = Aucune donnée disponible.
no-data-after = Aucune donnée après { $year }.
two-sources-differ = Pour { $year }, les sources divergent : { $value1 } ({ $source1 }) et { $value2 } ({ $source2 }).
source-line = Source : { $sources }.
sources-line = Sources : { $sources }.
# $year : la dernière année observée.
forecast-note = Les valeurs postérieures à { $year } sont des prévisions et non des données observées.

## Textes de remplacement des graphiques (texte alternatif et descriptions pour lecteurs d'écran)

chart-alt-line = Graphique linéaire : { $indicator }, de { $start } à { $end }. Dernière valeur ({ $last_period }) : { $last_value }.
chart-alt-bar = Graphique à barres : { $indicator }, { $period }. Valeur la plus élevée : { $max_label } ({ $max_value }). Valeur la plus basse : { $min_label } ({ $min_value }).
chart-alt-pyramid = Pyramide des âges : { $population }, { $period }. Les hommes figurent à gauche et les femmes à droite.
# $title : le titre du graphique ; $until : la dernière année projetée.
chart-alt-forecast = Graphique linéaire : { $title }. Valeurs observées, puis projections jusqu'en { $until }, en pointillés.
chart-alt-table-hint = Les données de ce graphique figurent dans le tableau qui le suit.
