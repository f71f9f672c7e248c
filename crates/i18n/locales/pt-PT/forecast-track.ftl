# Balanço das previsões da edição anterior face ao que aconteceu desde então.
forecast-track-title = Balanço das previsões publicadas na edição { $edition }
forecast-track-col-published = Previsão publicada
forecast-track-col-interval = O seu intervalo a 80 %
forecast-track-col-observed = Valor observado desde então
forecast-track-col-error = Erro (observado menos previsto)
forecast-track-col-inside = Dentro do intervalo a 80 %
forecast-track-yes = sim
forecast-track-no = não
forecast-track-summary = { $inside } dos { $n } valores observados desde a edição { $edition } ficaram dentro do intervalo a 80 % que ela publicou; oito em cada dez deveriam ficar.
forecast-track-none-observed = A edição { $edition } publicou previsões a partir de { $year }; desde então nada foi observado para esses anos, pelo que a sua precisão ainda não pode ser avaliada.
forecast-track-note = Cada previsão é a que a edição anterior publicou, tal como foi congelada; o valor observado é o último publicado para o mesmo ano.
forecast-no-history = Sem previsão: não há série de { $history } para este país.

# Colunas dos descarregamentos de previsões.
dl-fc-median = Mediana
dl-fc-lo80 = Intervalo a 80 %, limite inferior
dl-fc-hi80 = Intervalo a 80 %, limite superior
dl-fc-lo95 = Intervalo a 95 %, limite inferior
dl-fc-hi95 = Intervalo a 95 %, limite superior
dl-fc-method = Método
dl-fc-kind = Tipo de série
dl-fc-mase = Erro do método no teste retrospetivo (MASE)
dl-fc-naive-mase = Erro da persistência no teste retrospetivo (MASE)
dl-fc-cover80 = Cobertura do intervalo a 80 % no teste retrospetivo (%)
dl-fc-cover95 = Cobertura do intervalo a 95 % no teste retrospetivo (%)
dl-fc-dataset = Previsão (fonte@versão)
forecast-downloads = Previsões com os seus intervalos, método e precisão
