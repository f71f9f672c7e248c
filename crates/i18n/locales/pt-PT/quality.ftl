## Qualidade das fontes de dados (tema T03): a secção de qualidade do perfil de um país e as páginas de qualidade do portal

quality-no-assessment = Ainda não está registada nenhuma avaliação da qualidade para este país: execute a avaliação da qualidade dos dados (mprofile quality assess) depois da importação.
quality-heat-title = Qualidade das fontes de dados, por dimensão (pontuações de 0 a 3)
quality-score-unit = Pontuação (0–3)
quality-heat-alt = Pontuações de { $count } dimensões da qualidade, de 0 (fraca) a 3 (boa): a mais fraca é { $weakest } ({ $weakest_score }), a mais forte { $strongest } ({ $strongest_score }); as células vazias são dimensões ainda não pontuadas.
quality-heat-alt-none = Nenhuma dimensão da qualidade está ainda pontuada.
quality-not-scored = Não pontuada
quality-intro = Os dados sobre o país obtêm uma pontuação global de { $score } em 3 em { $period }, a média ponderada { $count ->
        [one] da única dimensão da qualidade
       *[other] das { $count } dimensões da qualidade
    } que os dados registados permitem medir.
quality-scores-title = Pontuações de qualidade das fontes de dados ({ $source })
quality-col-dimension = Dimensão da qualidade
quality-col-score = Pontuação (0–3)
quality-col-basis = Fundamento
quality-by-data = calculada a partir dos dados registados
quality-by-twg = avaliação do grupo de trabalho técnico
quality-weighted-mean = média ponderada das pontuações
quality-scores-note = As pontuações seguem as dimensões do DQAF do FMI e do NQAF das Nações Unidas: 3 boa, 2 aceitável, 1 fraca, 0 muito fraca. Os elementos de prova de cada pontuação estão registados com ela (descarregue os dados do tema T03). Os pré-requisitos institucionais, a integridade, a relevância, a conformidade e a acessibilidade são pontuados pelo grupo de trabalho técnico.
quality-figure-dims = { $name } (desagregação: { $dims })
quality-value-source = { $value } segundo { $source }
quality-no-conflicts = Nenhum valor é publicado por duas fontes que difiram mais de 5 %.
quality-conflicts-title = Maiores diferenças entre fontes que publicam o mesmo valor
quality-conflicts-note = O valor apresentado é o que o perfil utiliza, escolhido pela ordem de preferência das fontes do modelo; a diferença é (maior − menor) / média dos valores.
quality-col-shown = Valor apresentado [fonte]
quality-col-other = Outra fonte [fonte]
quality-col-difference = Diferença
quality-mirror-overall = Estatísticas-espelho: nos corredores declarados pelos dois lados, as duas contagens dos emigrantes do país diferem no total { $gap }.
quality-no-mirror = Nenhum corredor bilateral é declarado por duas fontes para este país.
quality-mirror-title = Maiores discrepâncias das estatísticas-espelho: emigrantes contados por dois declarantes, por país de destino
quality-mirror-note = Discrepância entre a matriz bilateral do Banco Mundial/KNOMAD e as contagens dos países de destino (DAES da ONU) para o mesmo ano; as discrepâncias refletem também definições (nascimento ou nacionalidade) e datas de referência diferentes.
quality-col-partner = País de destino
quality-col-gap = Discrepância
quality-advice-heading = O que melhorar primeiro:
quality-advice-timeliness = { $dimension } ({ $score }): publicar os dados migratórios mais cedo após o período de referência, ou divulgar dados provisórios.
quality-advice-periodicity = { $dimension } ({ $score }): recolher e publicar os dados migratórios todos os anos, não só nos recenseamentos, por exemplo a partir dos registos administrativos.
quality-advice-coverage = { $dimension } ({ $score }): preencher os indicadores sem valor através do modelo de submissão nacional.
quality-advice-disaggregation = { $dimension } ({ $score }): publicar os stocks e os fluxos por sexo e por grupo etário.
quality-advice-accuracy = { $dimension } ({ $score }): documentar as revisões entre edições e as suas razões.
quality-advice-coherence = { $dimension } ({ $score }): conciliar as fontes divergentes e indicar qual o perfil utiliza, e porquê.
quality-advice-prerequisites = { $dimension } ({ $score }): dar ao instituto de estatística um mandato claro e meios para as estatísticas migratórias.
quality-advice-integrity = { $dimension } ({ $score }): publicar os métodos e um calendário de difusão das estatísticas migratórias.
quality-advice-relevance = { $dimension } ({ $score }): consultar os utilizadores das estatísticas migratórias sobre os dados de que precisam.
quality-advice-conformity = { $dimension } ({ $score }): alinhar as definições com as Recomendações das Nações Unidas sobre Estatísticas das Migrações Internacionais.
quality-advice-accessibility = { $dimension } ({ $score }): publicar os dados em acesso aberto, em ficheiros legíveis por máquina, com os seus metadados.
quality-advice-twg = { $count ->
        [one] Uma dimensão da qualidade ainda não está pontuada
       *[other] { $count } dimensões da qualidade ainda não estão pontuadas
    }: o grupo de trabalho técnico deve pontuá-las, com os seus elementos de prova.
quality-advice-conflicts = As fontes divergem em { $count ->
        [one] um valor
       *[other] { $count } valores
    }, sobretudo em { $indicator } ({ $difference }): o grupo de trabalho técnico deve decidir qual utilizar e registar porquê.
quality-advice-mirror = As duas contagens dos emigrantes do país diferem { $gap }: comparar os registos consulares e os recenseamentos dos países de destino para explicar a discrepância.
quality-advice-gaps = { $count ->
        [one] Um indicador não tem
       *[other] { $count } indicadores não têm
    } valor recente (ver o anexo das lacunas): as fontes nacionais devem preenchê-los através do modelo de submissão.

## Páginas do portal
quality-menu = Qualidade dos dados
quality-web-country-title = Qualidade dos dados: { $country }
quality-web-country-lead = A qualidade dos dados sobre o país: pontuações de qualidade das fontes, divergências entre fontes, estatísticas-espelho, lacunas a preencher e verificações assinaladas nos valores.
quality-web-profile-link = Perfil migratório: { $country }
quality-web-regional-title = Qualidade dos dados na região
quality-web-regional-lead = Cobertura de cada tema e pontuações de qualidade dos países do perfil, lado a lado.
quality-web-gaps = Lacunas de dados
quality-web-gaps-note = Indicadores do perfil sem valor recente para o país, tal como os lista o anexo das lacunas.
quality-web-flags = Verificações assinaladas nos valores
quality-web-flags-note = Avisos das regras de validação e valores atípicos encontrados por testes robustos, com o parecer dos revisores.
quality-web-no-flags = Nenhuma verificação foi assinalada nos valores do país.
quality-web-col-figure = Valor
quality-web-col-check = Verificação
quality-web-col-expected = Esperado
quality-web-col-review = Revisão
quality-web-to-review = a rever
quality-web-checked = verificado, correto: { $reason }
quality-web-coverage = Cobertura por tema e por país
quality-web-coverage-note = Indicadores de cada tema com valor recente, sobre o número de indicadores do tema, tal como os conta o perfil de cada país.
quality-web-scores = Pontuações de qualidade por país
quality-web-scores-note = Pontuações de 0 (muito fraca) a 3 (boa) por dimensão da qualidade, todas as fontes em conjunto, e a pontuação composta ponderada; um traço indica uma dimensão não pontuada.
quality-web-more-flags = Os primeiros { $shown } de { $total } avisos; todos: { $href }
