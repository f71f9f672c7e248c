## A página pública das fontes, em palavras simples; o detalhe dos ficheiros está na sua página técnica.

sources-plain-intro = De onde vêm os números: quem publica cada conjunto de dados, com que licença e que países e anos cobre.
sources-technical-link = Detalhes técnicos: ficheiros lidos, somas de verificação e número de observações
sources-technical-title = Fontes: detalhes técnicos
sources-back = Voltar às fontes
sources-edition = Edição utilizada: { $edition }
sources-earlier = Edições anteriores também guardadas: { $editions }
sources-covers = Cobre { $countries }, { $years }.
sources-figures = { $count ->
    [one] Um número na base.
   *[other] { $count } números na base.
}

## A comparação dos países dos perfis para um indicador, num ano escolhido.

compare-year = Ano
compare-latest = Números mais recentes
compare-title-year = { $indicator }: último valor até { $year } em cada país

## Sob cada gráfico de uma página de indicador.

chart-download = Descarregar este gráfico:
