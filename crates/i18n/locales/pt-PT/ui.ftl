### Interface do portal web e dos documentos HTML e PDF: português europeu (Cabo Verde,
### Guiné-Bissau, São Tomé e Príncipe).
###
### Convenções (um teste verifica as três primeiras):
### - Cada mensagem existe em en, fr e pt-PT com as mesmas $variáveis, e nenhuma está vazia.
### - Identificadores em kebab-case. Números, datas e períodos chegam já formatados;
###   as contagens usadas nos plurais chegam como números e são formatadas pelo código.
### - Em pt-PT, 0 é plural ("0 refugiados"): por isso esta pasta chama-se pt-PT e não pt.
### - Os nomes de países, fontes e indicadores só aparecem em posição de rótulo
###   ("Perfil Migratório: Guiné-Bissau"), nunca depois de um artigo ou de uma preposição.

## Sítio e navegação

site-title = Perfis Migratórios
home = Início
country-profiles = Perfis por país
indicators = Indicadores
themes = Temas
sources = Fontes
source = Fonte
search = Pesquisar
search-placeholder = Pesquisar indicadores, países, temas…
search-no-results = Sem resultados para «{ $query }».
download = Descarregar
download-data = Descarregar os dados (CSV)
download-pdf = Descarregar o perfil (PDF)
about = Sobre
language = Idioma
skip-to-content = Saltar para o conteúdo
previous = Anterior
next = Seguinte
regional-comparison = Comparação regional
country = País
region = Região

## Quadros e gráficos

table = Tabela
chart = Gráfico
definition = Definição
unit = Unidade
year = Ano
period = Período
value = Valor
status = Estado
notes = Notas
no-data-label = Sem dados
data-gaps = Lacunas nos dados
data-behind-chart = Dados do gráfico

## Documentos

profile-title = Perfil Migratório: { $country }
key-figures = Números-chave
contents = Índice
page = Página
page-of = Página { $page } de { $pages }
figure = Figura
figure-numbered = Figura { $number }
# "Quadro", como nas publicações estatísticas (INE); "Tabela" fica para a vista do portal.
table-numbered = Quadro { $number }
edition = Edição
generated-on = Gerado em { $date }
last-updated = Última atualização: { $date }
published-by = Publicado pelo Grupo de Trabalho Técnico sobre Estatísticas das Migrações, { $country }

## Estado das observações (SDMX CL_OBS_STATUS), como rótulos curtos junto a um valor ou numa
## legenda. O identificador termina com o código SDMX em minúscula.

obs-status-a = valor normal
obs-status-b = quebra de série
obs-status-d = definição diferente
obs-status-e = estimado
obs-status-f = previsão
obs-status-g = experimental
obs-status-i = imputado
obs-status-j = derrogação
obs-status-k = incluído noutra categoria
obs-status-l = não recolhido
obs-status-m = não aplicável
obs-status-n = não significativo
obs-status-o = em falta
obs-status-p = provisório
obs-status-q = confidencial
obs-status-s = greve ou acontecimento especial
obs-status-u = pouco fiável
obs-status-v = não validado
obs-status-w = inclui outra categoria
obs-status-h = feriado ou fim de semana

# The printed publication: lists after the contents.
list-of-figures = Lista de figuras
list-of-tables = Lista de quadros
