### Mensagens do gerador de perfis (mp-profile): títulos, factos gerados, rótulos de quadros e
### gráficos. As frases falam «do país» (ver profile.ftl).

doc-title = Perfil migratório: { $country }
doc-title-regional = Migração na África Ocidental e Central: os países comparados

## Factos gerados

fact-population = A população { $country_of } era de { $value } habitantes em { $year }.
fact-imm-stock = Em { $year }, viviam { $country_in } { $value } migrantes internacionais, ou seja, { $share } da população.
fact-imm-stock-noshare = O número de migrantes internacionais que viviam { $country_in } era de { $value } em { $year }.
fact-imm-female = As mulheres representavam { $share } dos migrantes internacionais em { $year }.
fact-imm-origins = O principal país de origem dos imigrantes era { $top_the }: { $top_value }, ou seja, { $top_share } dos { $value } migrantes internacionais contabilizados em { $year }.
fact-emi-stock = Os emigrantes { $country_of } que viviam no estrangeiro eram { $value } em { $year }; o principal destino era { $top_the } ({ $top_value }, ou seja, { $top_share } dos emigrantes).
fact-imm-change = De { $from } a { $to }, o número de migrantes internacionais { $direction ->
        [up] aumentou { $change }
       *[down] diminuiu { $change }
    }.
fact-emi-ecowas = Os outros Estados-membros da CEDEAO acolhiam { $share } dos emigrantes { $country_of } em { $year }.
fact-net-migration = { $sign ->
        [positive] { $country_In }, as entradas superaram as saídas em { $year }: o saldo migratório foi de +{ $value } pessoas ({ $rate } por 1000 habitantes).
        [negative] { $country_In }, as saídas superaram as entradas em { $year }: o saldo migratório foi de { $value } pessoas ({ $rate } por 1000 habitantes).
       *[zero] { $country_In }, as entradas e as saídas equilibraram-se em { $year } ({ $rate } por 1000 habitantes).
    }
fact-net-migration-norate = { $sign ->
        [positive] { $country_In }, as entradas superaram as saídas em { $year }: o saldo migratório foi de +{ $value } pessoas.
        [negative] { $country_In }, as saídas superaram as entradas em { $year }: o saldo migratório foi de { $value } pessoas.
       *[zero] { $country_In }, as entradas e as saídas equilibraram-se em { $year }.
    }
fact-remittances = As remessas pessoais recebidas { $country_in } ascenderam a { $value } em { $year }, ou seja, { $share } do PIB.
fact-remittances-nogdp = As remessas pessoais recebidas { $country_in } ascenderam a { $value } em { $year }.
fact-refugees-hosted = No final de { $year }, estavam acolhidos { $country_in } { $value } refugiados.
fact-refugees-origin = Os refugiados originários { $country_of } que viviam noutros países eram { $value } no final de { $year }.
fact-idps = No final de { $year }, { $value } pessoas estavam deslocadas dentro { $country_of }.
fact-hdi = O Índice de Desenvolvimento Humano { $country_of } era de { $value } em { $year }.
fact-dead-missing = Nas rotas migratórias, foram registados { $value } migrantes { $country_of } mortos ou desaparecidos em { $year }.
fact-frontex = Em { $year }, foram detetadas { $value } passagens irregulares das fronteiras externas da União Europeia por nacionais { $country_of }.
fact-eu-asylum = Os nacionais { $country_of } apresentaram { $value } primeiros pedidos de asilo em países europeus em { $year }.
fact-unemployment = A taxa de desemprego { $country_in } era de { $value } em { $year }; entre os jovens dos 15 aos 24 anos, era de { $youth }.
fact-unemployment-noyouth = A taxa de desemprego { $country_in } era de { $value } em { $year }.
fact-forecast-pop = Segundo a variante média das Nações Unidas, a população { $country_of } atingiria { $value } em 2050, face a { $now } em { $year }.
fact-forecast-netmig = Para { $year }, as Nações Unidas projetam um saldo migratório de { $value } pessoas, com um intervalo de 80 % entre { $low } e { $high }.

## Notas

no-data-for = Sem dados para: { $indicator }.
no-breakdown = Não há desagregação do indicador «{ $indicator }» para { $year }.
computed = Calculado
note-sources-differ = As fontes contam de forma diferente (definições, cobertura, métodos); os números são apresentados lado a lado, sem serem combinados.
note-latest-year = Último ano disponível para cada país; os anos podem diferir.
note-gaps = Indicadores sem dados, ou sem dados nos últimos seis anos, para este país.
area-year = { $area } ({ $year })

## Gráficos

chart-top = { $name }: os { $count } maiores, { $year }
chart-map = { $name } por país, { $year }
chart-by-sex = { $name } por sexo
chart-alt-series = Gráfico de linhas: { $title }, de { $from } a { $to }, { $count } séries. Os dados estão no quadro abaixo do gráfico.
chart-alt-top = Gráfico de barras: { $title }. O maior é { $first }. Os dados estão no quadro abaixo do gráfico.
chart-alt-by-sex = Gráfico de barras: { $title }, mulheres e homens. Os dados estão no quadro abaixo do gráfico.
chart-alt-rank = Gráfico de barras: { $title }, por país; o mais elevado é { $first }.
chart-alt-map = Mapa-múndi: { $title }. { $count } países coloridos segundo o valor; o maior é { $first }. Os dados estão no quadro abaixo do mapa.
legend-unit = { $unit }:
series-by-source = { $name } ({ $source })
series-observed = Observado
series-projected = Projetado (variante média das Nações Unidas)
band-80 = Intervalo de previsão de 80 %
band-95 = Intervalo de previsão de 95 %

## Quadros

table-compare-sources = { $name }: as fontes lado a lado
table-compare-countries = Últimos valores por país
table-gaps = Lacunas de dados
table-sources = Fontes de dados utilizadas neste perfil
col-area = País ou zona
col-share-of-total = Parte do total
col-source = Fonte
col-code = Código
col-indicator = Indicador
col-value = Valor
col-period = Período
col-theme = Tema
col-last-year = Último ano com dados
col-number = N.º
col-vintage = Edição

# A period alone (a table cell or a chart category), formatted per language.
period-label = { $period }
