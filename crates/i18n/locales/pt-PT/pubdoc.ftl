### Os documentos como publicações: páginas iniciais (siglas) do perfil impresso.

pubdoc-acronyms = Siglas e acrónimos

## Acronyms the documents may use: the short form, then what it stands for.

pubdoc-acr-ecowas = CEDEAO
pubdoc-acr-ecowas-long = Comunidade Económica dos Estados da África Ocidental
pubdoc-acr-au = UA
pubdoc-acr-au-long = União Africana
pubdoc-acr-eu = UE
pubdoc-acr-eu-long = União Europeia
pubdoc-acr-fdi = IDE
pubdoc-acr-fdi-long = Investimento direto estrangeiro
pubdoc-acr-gdp = PIB
pubdoc-acr-gdp-long = Produto interno bruto
pubdoc-acr-hdi = IDH
pubdoc-acr-hdi-long = Índice de Desenvolvimento Humano
pubdoc-acr-iati = IATI
pubdoc-acr-iati-long = Iniciativa Internacional para a Transparência da Ajuda
pubdoc-acr-idmc = IDMC
pubdoc-acr-idmc-long = Centro de Monitorização de Deslocações Internas (Internal Displacement Monitoring Centre)
pubdoc-acr-idp = PDI
pubdoc-acr-idp-long = Pessoa deslocada internamente
pubdoc-acr-ilo = OIT
pubdoc-acr-ilo-long = Organização Internacional do Trabalho
pubdoc-acr-iom = OIM
pubdoc-acr-iom-long = Organização Internacional para as Migrações
pubdoc-acr-knomad = KNOMAD
pubdoc-acr-knomad-long = Parceria Global de Conhecimento sobre Migração e Desenvolvimento
pubdoc-acr-oda = APD
pubdoc-acr-oda-long = Ajuda pública ao desenvolvimento
pubdoc-acr-twg = GTT
pubdoc-acr-twg-long = Grupo de Trabalho Técnico
pubdoc-acr-un = ONU
pubdoc-acr-un-long = Organização das Nações Unidas
pubdoc-acr-undesa = DESA
pubdoc-acr-undesa-long = Departamento dos Assuntos Económicos e Sociais das Nações Unidas
pubdoc-acr-unesco = UNESCO
pubdoc-acr-unesco-long = Organização das Nações Unidas para a Educação, a Ciência e a Cultura
pubdoc-acr-unhcr = ACNUR
pubdoc-acr-unhcr-long = Alto Comissariado das Nações Unidas para os Refugiados
pubdoc-acr-wdi = WDI
pubdoc-acr-wdi-long = Indicadores de Desenvolvimento Mundial (Banco Mundial)
pubdoc-acr-wpp = WPP
pubdoc-acr-wpp-long = Perspetivas da População Mundial (Nações Unidas)

## O relatório regional: uma frase e um mapa ao lado de cada classificação.

pubdoc-rank-first-last = Entre os países comparados, { $first_the } ocupa o primeiro lugar no indicador «{ $indicator }» ({ $first_value } em { $first_year }) e { $last_the } o último ({ $last_value } em { $last_year }).
pubdoc-rank-coverage = { $count } dos { $total } países dispõem de um valor.
pubdoc-rank-map = { $name }: os países da região
