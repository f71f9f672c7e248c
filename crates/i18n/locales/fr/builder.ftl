### Messages du générateur de profils (mp-profile) : titres, faits générés, libellés des tableaux
### et graphiques. Les phrases parlent « du pays » (voir profile.ftl).

doc-title = Profil migratoire : { $country }
doc-title-regional = Migrations en Afrique de l'Ouest et du Centre : les pays comparés

## Faits générés

fact-population = En { $year }, la population du pays s'élevait à { $value } habitants.
fact-imm-stock = En { $year }, { $value } migrants internationaux vivaient dans le pays, soit { $share } de sa population.
fact-imm-stock-noshare = En { $year }, { $value } migrants internationaux vivaient dans le pays.
fact-imm-female = Les femmes représentaient { $share } des migrants internationaux en { $year }.
fact-imm-origins = Le principal pays d'origine des immigrés était { $top } : { $top_value }, soit { $top_share } des { $value } migrants internationaux recensés en { $year }.
fact-emi-stock = En { $year }, { $value } émigrés originaires du pays vivaient à l'étranger ; la principale destination était { $top } ({ $top_value }, soit { $top_share } des émigrés).
fact-imm-change = De { $from } à { $to }, le nombre de migrants internationaux { $direction ->
        [up] a augmenté de { $change }
       *[down] a diminué de { $change }
    }.
fact-emi-ecowas = En { $year }, { $share } des émigrés du pays vivaient dans un autre État membre de la CEDEAO.
fact-net-migration = { $sign ->
        [positive] En { $year }, les arrivées ont dépassé les départs : le solde migratoire était de +{ $value } personnes ({ $rate } pour 1 000 habitants).
        [negative] En { $year }, les départs ont dépassé les arrivées : le solde migratoire était de { $value } personnes ({ $rate } pour 1 000 habitants).
       *[zero] En { $year }, les arrivées et les départs se sont équilibrés ({ $rate } pour 1 000 habitants).
    }
fact-net-migration-norate = { $sign ->
        [positive] En { $year }, les arrivées ont dépassé les départs : le solde migratoire était de +{ $value } personnes.
        [negative] En { $year }, les départs ont dépassé les arrivées : le solde migratoire était de { $value } personnes.
       *[zero] En { $year }, les arrivées et les départs se sont équilibrés.
    }
fact-remittances = En { $year }, les envois de fonds personnels reçus atteignaient { $value }, soit { $share } du PIB.
fact-remittances-nogdp = En { $year }, les envois de fonds personnels reçus atteignaient { $value }.
fact-refugees-hosted = Fin { $year }, le pays accueillait { $value } réfugiés.
fact-refugees-origin = Fin { $year }, { $value } réfugiés originaires du pays vivaient dans d'autres pays.
fact-idps = Fin { $year }, { $value } personnes étaient déplacées à l'intérieur du pays.
fact-hdi = L'indice de développement humain du pays était de { $value } en { $year }.
fact-dead-missing = En { $year }, { $value } migrants originaires du pays ont été recensés morts ou disparus sur les routes migratoires.
fact-frontex = En { $year }, { $value } franchissements irréguliers des frontières extérieures de l'Union européenne par des ressortissants du pays ont été détectés.
fact-eu-asylum = En { $year }, les ressortissants du pays ont déposé { $value } premières demandes d'asile dans des pays européens.
fact-unemployment = En { $year }, le taux de chômage était de { $value } ; chez les jeunes de 15 à 24 ans, il atteignait { $youth }.
fact-unemployment-noyouth = En { $year }, le taux de chômage était de { $value }.
fact-forecast-pop = Selon la variante moyenne des Nations Unies, la population atteindrait { $value } en 2050, contre { $now } en { $year }.
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
