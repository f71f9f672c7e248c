### The documents as publications: front matter (acronyms) of the printed profile.

pubdoc-acronyms = Acronyms

## Acronyms the documents may use: the short form, then what it stands for.

pubdoc-acr-ecowas = ECOWAS
pubdoc-acr-ecowas-long = Economic Community of West African States
pubdoc-acr-au = AU
pubdoc-acr-au-long = African Union
pubdoc-acr-eu = EU
pubdoc-acr-eu-long = European Union
pubdoc-acr-fdi = FDI
pubdoc-acr-fdi-long = Foreign direct investment
pubdoc-acr-gdp = GDP
pubdoc-acr-gdp-long = Gross domestic product
pubdoc-acr-hdi = HDI
pubdoc-acr-hdi-long = Human Development Index
pubdoc-acr-iati = IATI
pubdoc-acr-iati-long = International Aid Transparency Initiative
pubdoc-acr-idmc = IDMC
pubdoc-acr-idmc-long = Internal Displacement Monitoring Centre
pubdoc-acr-idp = IDP
pubdoc-acr-idp-long = Internally displaced person
pubdoc-acr-ilo = ILO
pubdoc-acr-ilo-long = International Labour Organization
pubdoc-acr-iom = IOM
pubdoc-acr-iom-long = International Organization for Migration
pubdoc-acr-knomad = KNOMAD
pubdoc-acr-knomad-long = Global Knowledge Partnership on Migration and Development
pubdoc-acr-oda = ODA
pubdoc-acr-oda-long = Official development assistance
pubdoc-acr-twg = TWG
pubdoc-acr-twg-long = Technical Working Group
pubdoc-acr-un = UN
pubdoc-acr-un-long = United Nations
pubdoc-acr-undesa = UN DESA
pubdoc-acr-undesa-long = United Nations Department of Economic and Social Affairs
pubdoc-acr-unesco = UNESCO
pubdoc-acr-unesco-long = United Nations Educational, Scientific and Cultural Organization
pubdoc-acr-unhcr = UNHCR
pubdoc-acr-unhcr-long = Office of the United Nations High Commissioner for Refugees
pubdoc-acr-wdi = WDI
pubdoc-acr-wdi-long = World Development Indicators (World Bank)
pubdoc-acr-wpp = WPP
pubdoc-acr-wpp-long = World Population Prospects (United Nations)

## The regional report: a sentence and a map beside each ranking.

pubdoc-rank-first-last = Among the countries compared, { $first_the } ranks first on “{ $indicator }” ({ $first_value } in { $first_year }) and { $last_the } last ({ $last_value } in { $last_year }).
pubdoc-rank-coverage = { $count } of the { $total } countries have a figure.
pubdoc-rank-map = { $name }: the region's countries
