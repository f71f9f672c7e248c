### Messages du générateur de profils (mp-profile) : titres, faits générés, libellés des tableaux
### et graphiques. Les phrases parlent « du pays » (voir profile.ftl).

doc-title = Profil migratoire : { $country }
doc-title-regional = Migrations en Afrique de l'Ouest et du Centre : les pays comparés

## Faits générés

fact-population = { $country_The } comptait { $value } habitants en { $year }.
fact-imm-stock = En { $year }, { $value } migrants internationaux vivaient { $country_in }, soit { $share } de sa population.
fact-imm-stock-noshare = Le nombre de migrants internationaux vivant { $country_in } atteignait { $value } en { $year }.
fact-imm-female = Les femmes représentaient { $share } des migrants internationaux en { $year }.
fact-imm-origins = Le principal pays d'origine des immigrés était { $top_the } : { $top_value }, soit { $top_share } des { $value } migrants internationaux recensés en { $year }.
fact-emi-stock = Les émigrés originaires { $country_of } vivant à l'étranger étaient { $value } en { $year } ; la principale destination était { $top_the } ({ $top_value }, soit { $top_share } des émigrés).
fact-imm-change = De { $from } à { $to }, le nombre de migrants internationaux { $direction ->
        [up] a augmenté de { $change }
       *[down] a diminué de { $change }
    }.
fact-emi-ecowas = Les autres États membres de la CEDEAO accueillaient { $share } des émigrés { $country_of } en { $year }.
fact-net-migration = { $sign ->
        [positive] { $country_In }, les arrivées ont dépassé les départs en { $year } : le solde migratoire était de +{ $value } personnes ({ $rate } pour 1 000 habitants).
        [negative] { $country_In }, les départs ont dépassé les arrivées en { $year } : le solde migratoire était de { $value } personnes ({ $rate } pour 1 000 habitants).
       *[zero] { $country_In }, les arrivées et les départs se sont équilibrés en { $year } ({ $rate } pour 1 000 habitants).
    }
fact-net-migration-norate = { $sign ->
        [positive] { $country_In }, les arrivées ont dépassé les départs en { $year } : le solde migratoire était de +{ $value } personnes.
        [negative] { $country_In }, les départs ont dépassé les arrivées en { $year } : le solde migratoire était de { $value } personnes.
       *[zero] { $country_In }, les arrivées et les départs se sont équilibrés en { $year }.
    }
fact-remittances = Les envois de fonds personnels reçus par { $country_the } atteignaient { $value } en { $year }, soit { $share } du PIB.
fact-remittances-nogdp = Les envois de fonds personnels reçus par { $country_the } atteignaient { $value } en { $year }.
fact-refugees-hosted = Fin { $year }, { $country_the } accueillait { $value } réfugiés.
fact-refugees-origin = Les réfugiés originaires { $country_of } vivant dans d'autres pays étaient { $value } fin { $year }.
fact-idps = Fin { $year }, { $value } personnes étaient déplacées à l'intérieur { $country_of }.
fact-hdi = L'indice de développement humain { $country_of } était de { $value } en { $year }.
fact-dead-missing = Sur les routes migratoires, { $value } migrants originaires { $country_of } ont été recensés morts ou disparus en { $year }.
fact-frontex = Les franchissements irréguliers des frontières extérieures de l'Union européenne par des ressortissants { $country_of } détectés en { $year } s'élevaient à { $value }.
fact-eu-asylum = Les ressortissants { $country_of } ont déposé { $value } premières demandes d'asile dans des pays européens en { $year }.
fact-unemployment = Le taux de chômage était de { $value } { $country_in } en { $year } ; chez les jeunes de 15 à 24 ans, il atteignait { $youth }.
fact-unemployment-noyouth = Le taux de chômage était de { $value } { $country_in } en { $year }.
fact-forecast-pop = Selon la variante moyenne des Nations Unies, la population { $country_of } atteindrait { $value } en 2050, contre { $now } en { $year }.
fact-forecast-netmig = Pour { $year }, les Nations Unies projettent un solde migratoire de { $value } personnes, avec un intervalle à 80 % allant de { $low } à { $high }.

## Notes

no-data-for = Aucune donnée pour : { $indicator }.
no-breakdown = Aucune ventilation de l'indicateur « { $indicator } » n'est disponible pour { $year }.
computed = Calculé
note-sources-differ = Les sources comptent différemment (définitions, couverture, méthodes) ; les chiffres sont présentés côte à côte, sans être fusionnés.
note-latest-year = Dernière année disponible pour chaque pays ; les années peuvent différer.
note-gaps = Indicateurs sans données, ou sans données au cours des six dernières années, pour ce pays.
area-year = { $area } ({ $year })

## Graphiques

chart-top = { $name } : les { $count } premiers, { $year }
chart-map = { $name } par pays, { $year }
chart-by-sex = { $name } par sexe
chart-alt-series = Graphique linéaire : { $title }, de { $from } à { $to }, { $count } séries. Les données figurent dans le tableau sous le graphique.
chart-alt-top = Graphique en barres : { $title }. Le premier est { $first }. Les données figurent dans le tableau sous le graphique.
chart-alt-by-sex = Graphique en barres : { $title }, femmes et hommes. Les données figurent dans le tableau sous le graphique.
chart-alt-rank = Graphique en barres : { $title }, par pays ; le plus élevé est { $first }.
chart-alt-map = Carte du monde : { $title }. { $count } pays sont colorés selon la valeur ; le premier est { $first }. Les données figurent dans le tableau sous la carte.
legend-unit = { $unit } :
series-by-source = { $name } ({ $source })
series-observed = Observé
series-projected = Projeté (variante moyenne des Nations Unies)
band-80 = Intervalle de prévision à 80 %
band-95 = Intervalle de prévision à 95 %

## Tableaux

table-compare-sources = { $name } : les sources côte à côte
table-compare-countries = Dernières valeurs par pays
table-gaps = Lacunes dans les données
table-sources = Sources de données utilisées dans ce profil
col-area = Pays ou zone
col-share-of-total = Part du total
col-source = Source
col-code = Code
col-indicator = Indicateur
col-value = Valeur
col-period = Période
col-theme = Thème
col-last-year = Dernière année disponible
col-number = N°
col-vintage = Édition

# A period alone (a table cell or a chart category), formatted per language.
period-label = { $period }
