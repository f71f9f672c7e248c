### Les documents comme publications : pages liminaires (sigles) du profil imprimé.

pubdoc-acronyms = Sigles et acronymes

## Acronyms the documents may use: the short form, then what it stands for.

pubdoc-acr-ecowas = CEDEAO
pubdoc-acr-ecowas-long = Communauté économique des États de l'Afrique de l'Ouest
pubdoc-acr-au = UA
pubdoc-acr-au-long = Union africaine
pubdoc-acr-eu = UE
pubdoc-acr-eu-long = Union européenne
pubdoc-acr-fdi = IDE
pubdoc-acr-fdi-long = Investissement direct étranger
pubdoc-acr-gdp = PIB
pubdoc-acr-gdp-long = Produit intérieur brut
pubdoc-acr-hdi = IDH
pubdoc-acr-hdi-long = Indice de développement humain
pubdoc-acr-iati = IITA
pubdoc-acr-iati-long = Initiative internationale pour la transparence de l'aide
pubdoc-acr-idmc = IDMC
pubdoc-acr-idmc-long = Observatoire des situations de déplacement interne (Internal Displacement Monitoring Centre)
pubdoc-acr-idp = PDI
pubdoc-acr-idp-long = Personne déplacée interne
pubdoc-acr-ilo = OIT
pubdoc-acr-ilo-long = Organisation internationale du Travail
pubdoc-acr-iom = OIM
pubdoc-acr-iom-long = Organisation internationale pour les migrations
pubdoc-acr-knomad = KNOMAD
pubdoc-acr-knomad-long = Partenariat mondial pour le savoir sur les migrations et le développement
pubdoc-acr-oda = APD
pubdoc-acr-oda-long = Aide publique au développement
pubdoc-acr-twg = GTT
pubdoc-acr-twg-long = Groupe de travail technique
pubdoc-acr-un = ONU
pubdoc-acr-un-long = Organisation des Nations Unies
pubdoc-acr-undesa = DAES
pubdoc-acr-undesa-long = Département des affaires économiques et sociales des Nations Unies
pubdoc-acr-unesco = UNESCO
pubdoc-acr-unesco-long = Organisation des Nations Unies pour l'éducation, la science et la culture
pubdoc-acr-unhcr = HCR
pubdoc-acr-unhcr-long = Haut-Commissariat des Nations Unies pour les réfugiés
pubdoc-acr-wdi = WDI
pubdoc-acr-wdi-long = Indicateurs du développement dans le monde (Banque mondiale)
pubdoc-acr-wpp = WPP
pubdoc-acr-wpp-long = Perspectives de la population mondiale (Nations Unies)

## Le rapport régional : une phrase et une carte à côté de chaque classement.

pubdoc-rank-first-last = Parmi les pays comparés, { $first_the } arrive en tête pour l'indicateur « { $indicator } » ({ $first_value } en { $first_year }) et { $last_the } en dernière position ({ $last_value } en { $last_year }).
pubdoc-rank-coverage = { $count } des { $total } pays disposent d'un chiffre.
pubdoc-rank-map = { $name } : les pays de la région
