# Nomes curtos das fontes para o leitor (editor, título); o ano vem da edição dos dados.
reader-source-undesa-ims = ONU-DAES, Stock de Migrantes Internacionais
reader-source-undesa-ims-totals = ONU-DAES, Stock de Migrantes Internacionais
reader-source-un-wpp = ONU-DAES, Perspetivas da População Mundial
reader-source-wb-wdi = Banco Mundial, Indicadores de Desenvolvimento Mundial
reader-source-un-wpp-wdi = ONU-DAES, Perspetivas da População Mundial, via Banco Mundial
reader-source-wb-pop = Banco Mundial, Indicadores de Desenvolvimento Mundial
reader-source-wb-gdp = Banco Mundial, Indicadores de Desenvolvimento Mundial
reader-source-unhcr = ACNUR, Estatísticas da População Refugiada
reader-source-unhcr-solutions = ACNUR, Estatísticas da População Refugiada
reader-source-idmc-unhcr = IDMC, deslocados internos, via ACNUR
reader-source-idmc-nd = IDMC, Base de Dados Mundial sobre Deslocações Internas
reader-source-idmc = IDMC, Base de Dados Mundial sobre Deslocações Internas
reader-source-iom-mmp = OIM, Projeto Migrantes Desaparecidos
reader-source-frontex = Frontex, passagens irregulares de fronteiras
reader-source-eurostat-asyappctza = Eurostat, pedidos de asilo
reader-source-unesco-uis = Instituto de Estatística da UNESCO, dados sobre educação
reader-source-gapminder-sg = Gapminder, base de dados Systema Globalis
reader-source-gapminder-ihme = IHME, esperança de vida, via Gapminder
reader-source-wb-knomad = Banco Mundial, matrizes bilaterais KNOMAD
reader-source-wpdl-hr-treaties = Coleção de Tratados da ONU, via World Politics Data Lab
reader-source-mprofile-registry = Registo do Grupo de Trabalho Técnico
# Sob uma tabela de indicadores: os da secção ainda sem números.
reader-gaps = Ainda sem números para: { $names }.
