### Páginas e descarregamentos do portal web: português europeu.
### As mesmas convenções de ui.ftl (um teste verifica-as): cada mensagem existe em en, fr e pt-PT
### com as mesmas $variáveis; números, datas e nomes chegam já formatados.

## Paginação

web-menu = Menu principal
web-footer = Perfis Migratórios preparados pelos grupos de trabalho técnicos nacionais com a OIM. Cada número é acompanhado da sua fonte; cada quadro pode ser descarregado.
web-download-data = Descarregar os dados:
web-downloads = Descarregamento dos dados

## Erros

web-error-not-found = Página não encontrada
web-error-not-found-hint = O endereço pode estar mal escrito, ou o país, o indicador, o tema ou a edição não existem.
web-error-bad-request = O pedido não pôde ser compreendido
web-error-bad-request-hint = Verifique os parâmetros no fim do endereço, depois do ponto de interrogação.
web-error-server = Ocorreu um erro no servidor
web-error-server-hint = Tente novamente dentro de alguns minutos.

## Início

web-home-intro = Dados sobre migração de países da África Ocidental e Central, de fontes nacionais e internacionais, em inglês, francês e português.
web-whats-new = Novidades
web-latest-imports = Últimas atualizações dos dados
web-latest-datasets = Últimos conjuntos de dados
web-no-imports = Ainda não foram importados dados.
web-batch = { $date }: { $added ->
        [one] { $added } observação adicionada
       *[other] { $added } observações adicionadas
    }, { $changed ->
        [one] { $changed } alterada
       *[other] { $changed } alteradas
    }
web-dataset-line = { $source } ({ $vintage }): { $count ->
        [one] { $count } observação
       *[other] { $count } observações
    }
web-indicators-n = { $count ->
        [one] { $count } indicador
       *[other] { $count } indicadores
    }

## País

web-all-data = Todas as observações a partir das quais este perfil é construído, com a fonte, a versão e a localização no ficheiro de origem.
web-editions = Edições
web-live-profile = Perfil atualizado
web-live-profile-note = dados mais recentes, atualizado a cada importação
web-edition-note = fixada, dados de { $date }

## Indicador

web-total = Conjunto (total)
web-compare-title = { $indicator }: último valor em cada país
web-disaggregations = Desagregações
web-disaggregation = Desagregação
web-formula = Fórmula
web-sdg = Meta dos ODS
web-gcm = Objetivos do Pacto Global para as Migrações
web-sources-caveats = Fontes e precauções
web-series = Séries por país
web-show = Mostrar
web-computed = Calculado: { $formula }
web-computed-short = calculado
web-no-series = Sem dados para este país e esta desagregação.
web-by-source = { $title }: valores por fonte

## Tema

web-coverage = Cobertura dos dados por país
web-coverage-note = Último ano com dados (totais) para cada indicador e país; um travessão assinala uma lacuna.

## Fontes

web-sources-intro = Cada conjunto de dados da base: quem o publica, com que licença, que ficheiros foram lidos (com as somas de verificação SHA-256) e o que cobrem.
web-publisher = Editor
web-licence = Licença
web-address = Endereço web
web-latest-vintage = a mais recente, usada nos perfis
web-observations = Observações armazenadas
web-coverage-profile = Cobertura dos países dos perfis
web-no-profile-coverage = sem dados para os países dos perfis
web-files = Ficheiros lidos
web-size-mb = { $size } MB
web-size-kb = { $size } kB

## Pesquisa

web-country-profile = Perfil do país
web-first-of = { $label } (primeiros { $shown } de { $total })
web-search-hint = Escreva um país, um indicador, um tema ou uma fonte, em inglês, francês ou português.
web-search-results = { $count ->
        [one] { $count } resultado
       *[other] { $count } resultados
    } para «{ $query }»

## Cabeçalhos das colunas dos descarregamentos CSV e XLSX

dl-indicator = Código do indicador
dl-indicator-name = Indicador
dl-area = Código da área
dl-area-name = País ou área
dl-period = Período
dl-dims = Desagregação
dl-value = Valor
dl-unit = Unidade
dl-status = Código do estado
dl-status-label = Estado
dl-footnote = Nota
dl-source = Código da fonte
dl-source-name = Nome da fonte
dl-vintage = Versão
dl-file = Ficheiro
dl-sha256 = SHA-256 do ficheiro
dl-locator = Localização no ficheiro
dl-id = Identificador da observação
