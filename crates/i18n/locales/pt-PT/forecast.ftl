### Mensagens das previsões do módulo de previsão do mprofile (mp-forecast): linha do gráfico
### em leque e quadro das previsões do anexo.

series-forecast-module = Previsão (módulo de previsão do mprofile)
forecast-table-title = Previsões do módulo de previsão do mprofile
forecast-table-none = O módulo de previsão não produziu nenhuma previsão para o país.
forecast-col-median = Previsão (mediana)
forecast-col-interval = Intervalo de 80 %
forecast-col-method = Método
forecast-col-skill = Desempenho passado
forecast-interval = de { $lo } a { $hi }
forecast-skill = Nos últimos três períodos comparáveis, este método errou em média { $missed }, contra { $naive } mantendo simplesmente o último valor.
forecast-skill-none = Sem teste retrospetivo: poucos valores passados.
forecast-table-note = As previsões são projeções, não observações, e ficam fora dos quadros históricos. O desempenho passado compara as previsões passadas de cada método com o que aconteceu; os erros exprimem-se em unidades da variação habitual da série de um período para o outro (abaixo de 1: menor do que essa variação). Oito em cada dez valores futuros deverão cair dentro do intervalo de 80 %.
forecast-col-kind = Natureza da série
forecast-col-comparator = Projeção das WPP 2024 (ONU)
forecast-kind-observed = Série observada (efetivos ou fluxos comunicados ano a ano)
forecast-kind-estimates = Estimativas publicadas (quinquenais)
forecast-kind-model = Estimativas modeladas das WPP da ONU, cujos últimos anos são em parte projeções anteriores
forecast-kind-unknown = Não indicada
forecast-scenario-series = Cenário: { $name }
forecast-scenario-note = As linhas tracejadas marcadas «Cenário» são cenários, não previsões: mostram o que resultaria de um pressuposto enunciado, não o que se espera.
forecast-scenario-zero = Migração nula: chegam tantas pessoas quantas partem em cada ano a partir de { $year }.
forecast-scenario-const = Migração constante: o saldo migratório mantém-se em { $value } por ano a partir de { $year }, a sua última estimativa.
forecast-scenario-twg = { $name }: a variante média da ONU alterada em { $change } por ano a partir de { $year }. Pressuposto enunciado pelo Grupo de Trabalho Técnico: { $assumption }
