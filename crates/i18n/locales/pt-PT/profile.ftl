### Frases dos perfis de país: português europeu.
###
### As frases falam "do país" sem o nomear: o nome exigiria um artigo e uma preposição que
### dependem dele (em Cabo Verde, na Guiné-Bissau). Os números chegam formatados ($value,
### $share); um $value que possa ser pequeno pode também chegar como contagem, para os plurais
### (em pt-PT só 1 é singular).
### $year é o ano (ou período) a que o número se refere.

## Stocks e fluxos

imm-stock = Em { $year }, viviam no país { $value } migrantes internacionais, ou seja, { $share } da população.
emi-stock = Em { $year }, { $value } emigrantes do país viviam no estrangeiro (principal país de destino: { $top_destination }).
# $sign: positive, negative ou zero; $value é o valor absoluto.
net-migration = { $sign ->
        [positive] Em { $year }, o saldo migratório foi positivo: as entradas superaram as saídas em { $value } pessoas.
        [negative] Em { $year }, o saldo migratório foi negativo: as saídas superaram as entradas em { $value } pessoas.
       *[zero] Em { $year }, o saldo migratório foi nulo: as entradas e as saídas equilibraram-se.
    }
remittances = Em { $year }, as remessas pessoais recebidas pelo país ascenderam a { $value }, o equivalente a { $share } do PIB.

## Deslocações forçadas

refugees-hosted = Em { $year }, o país acolhia { $value } { $value ->
        [one] refugiado
       *[other] refugiados
    }.
refugees-origin = Em { $year }, o número de refugiados originários do país era de { $value }.
idps = No final de { $year }, o país contava { $value } { $value ->
        [one] deslocado interno
       *[other] deslocados internos
    }.

## Contexto

population = Em { $year }, o país tinha { $value } habitantes.
hdi = Em { $year }, o Índice de Desenvolvimento Humano (IDH) do país era de { $value }.
unemployment = Em { $year }, a taxa de desemprego era de { $value }.

## Disponibilidade dos dados e fontes

no-data = Sem dados disponíveis.
no-data-after = Sem dados depois de { $year }.
two-sources-differ = Para { $year }, as fontes divergem: { $value1 } ({ $source1 }) e { $value2 } ({ $source2 }).
source-line = Fonte: { $sources }.
sources-line = Fontes: { $sources }.
# $year: o último ano com dados observados.
forecast-note = Os valores posteriores a { $year } são previsões e não dados observados.

## Textos alternativos dos gráficos (texto alternativo e descrições para leitores de ecrã)

chart-alt-line = Gráfico de linhas: { $indicator }, de { $start } a { $end }. Último valor ({ $last_period }): { $last_value }.
chart-alt-bar = Gráfico de barras: { $indicator }, { $period }. Valor mais elevado: { $max_label } ({ $max_value }). Valor mais baixo: { $min_label } ({ $min_value }).
chart-alt-pyramid = Pirâmide etária: { $population }, { $period }. Os homens são apresentados à esquerda e as mulheres à direita.
# $title: o título do gráfico; $until: o último ano projetado.
chart-alt-forecast = Gráfico de linhas: { $title }. Valores observados e, depois, projeções até { $until }, a tracejado.
chart-alt-table-hint = Os dados deste gráfico constam do quadro que se lhe segue.
