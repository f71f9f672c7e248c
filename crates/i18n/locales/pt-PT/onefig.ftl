### Valores assinalados: a nota que explica o que significa uma menção, e frases que citam
### valores de várias fontes.

# Uma frase gerada cujos valores vêm de duas ou mais fontes, seguida dos seus nomes.
onefig-sentence-sources = { $sentence } (Fontes: { $sources }.)

# A nota por baixo de um bloco com valores assinalados; $mark é a menção impressa ao lado do valor.
onefig-mark-u = «{ $mark }»: o editor, ou as verificações do mprofile na importação, assinalam o valor como pouco fiável; verifique-o antes de o usar.
onefig-mark-p = «{ $mark }»: um valor provisório, que o editor ainda pode rever.
onefig-mark-e = «{ $mark }»: um valor estimado pelo editor, não contado.
onefig-mark-b = «{ $mark }»: uma quebra de série; o valor não é comparável com os anos anteriores.
onefig-mark-f = «{ $mark }»: uma projeção, não um valor observado.
onefig-mark-inherited = Um valor calculado a partir de um valor assinalado tem a mesma menção.
onefig-mark-circled = Os pontos circundados e as barras com contorno tracejado estão assinalados.

# Deslocados internos: o valor publicado pelo IDMC (conflitos e violência) e o total que o
# mprofile soma a partir das células por sexo e idade modeladas pelo IDMC.
onefig-idps-headline = No final de { $year }, o IDMC contava { $headline } pessoas deslocadas dentro do país por conflitos e violência (o seu valor publicado). Com as deslocadas por catástrofes, o total é de { $value }, uma soma feita pelo mprofile das células por sexo e idade que o IDMC modela, e não um valor publicado pelo IDMC.
onefig-idps-modelled = No final de { $year }, { $value } pessoas estavam deslocadas dentro do país por conflitos e catástrofes, um total que o mprofile soma a partir das células por sexo e idade modeladas pelo IDMC, e não um valor publicado pelo IDMC.

# A célula «fonte» de um valor calculado; $sources nomeia cada fonte a partir da qual é calculado.
onefig-computed-from = Calculado a partir de: { $sources }
# No lugar de um bloco cujo modelo nomeia um código que o quadro de indicadores não tem.
onefig-template-unknown-indicator = O modelo do documento nomeia o indicador { $code }, que o quadro de indicadores não contém; este bloco não pode ser mostrado.
onefig-template-unknown-theme = O modelo do documento nomeia o tema { $code }, que o quadro de indicadores não contém; este bloco não pode ser mostrado.
# Rótulos do número-chave das pessoas deslocadas internamente.
onefig-kf-idps-headline = Pessoas deslocadas internamente (conflitos e violência, valor publicado pelo IDMC)
onefig-kf-idps-summed = Pessoas deslocadas internamente (total somado pelo mprofile a partir das células modeladas pelo IDMC)
