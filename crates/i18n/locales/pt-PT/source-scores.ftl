## Cada fonte de dados pontuada por dimensão da qualidade: secção de qualidade do perfil e portal

srcq-all-sources = Todas as fontes
srcq-table-title = Pontuação composta de qualidade de cada fonte de dados
srcq-col-source = Fonte de dados
srcq-col-composite = Pontuação composta (0–3)
srcq-col-weakest = Dimensão mais fraca
srcq-col-scored = Dimensões pontuadas
srcq-weakest = { $dimension } (pontuação { $score })
srcq-table-note = Cada fonte é pontuada segundo o que os seus números sobre o país mostram (prazo do valor mais recente, periodicidade, cobertura dos países do perfil, desagregação por sexo ou idade, revisões entre edições, concordância com outras fontes e discrepâncias-espelho) e nas dimensões que o grupo de trabalho técnico pontua com os seus elementos de prova; a pontuação composta é a média ponderada, com as ponderações do grupo de trabalho técnico. As submissões nacionais são pontuadas em conjunto.
srcq-advice-source = { $source } tem a pontuação composta mais baixa ({ $score }), sobretudo em { $dimension }: discutir com o editor da fonte, ou preferir outra fonte para os números em causa.
srcq-web-by-source = Pontuações de qualidade de cada fonte de dados
srcq-web-by-source-note = Pontuação composta de 0 (muito fraca) a 3 (boa) de cada fonte de dados para cada país, segundo o que os seus números sobre o país mostram e as pontuações do grupo de trabalho técnico; um traço assinala uma fonte sem números para o país.

# Nomes curtos das dimensões da qualidade, para os cabeçalhos de coluna do mapa de calor
srcq-dim-prerequisites = Pré-requisitos
srcq-dim-integrity = Integridade
srcq-dim-relevance = Relevância
srcq-dim-conformity = Conformidade
srcq-dim-coverage = Cobertura
srcq-dim-accuracy = Exatidão
srcq-dim-timeliness = Atualidade
srcq-dim-periodicity = Periodicidade
srcq-dim-coherence = Coerência
srcq-dim-disaggregation = Desagregação
srcq-dim-accessibility = Acessibilidade
