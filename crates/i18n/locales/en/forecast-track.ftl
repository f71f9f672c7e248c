# How the forecasts of the previous edition did against what happened since.
forecast-track-title = How the forecasts published in edition { $edition } did
forecast-track-col-published = Forecast published
forecast-track-col-interval = Its 80 % interval
forecast-track-col-observed = Observed since
forecast-track-col-error = Error (observed minus forecast)
forecast-track-col-inside = Inside the 80 % interval
forecast-track-yes = yes
forecast-track-no = no
forecast-track-summary = { $inside } of the { $n } values observed since edition { $edition } fell inside the 80 % interval it published; eight out of ten should.
forecast-track-none-observed = Edition { $edition } published forecasts from { $year } on; nothing has been observed for those years since, so their accuracy cannot be judged yet.
forecast-track-note = Each forecast is the one the previous edition published, as it was frozen; the observed value is the latest published for the same year.
forecast-no-history = Not forecast: there is no series of { $history } for this country.

# Columns of the forecast downloads.
dl-fc-median = Median
dl-fc-lo80 = 80 % interval, lower bound
dl-fc-hi80 = 80 % interval, upper bound
dl-fc-lo95 = 95 % interval, lower bound
dl-fc-hi95 = 95 % interval, upper bound
dl-fc-method = Method
dl-fc-kind = Kind of series
dl-fc-mase = Backtest error of the method (MASE)
dl-fc-naive-mase = Backtest error of persistence (MASE)
dl-fc-cover80 = Backtest coverage of the 80 % interval (%)
dl-fc-cover95 = Backtest coverage of the 95 % interval (%)
dl-fc-dataset = Forecast (source@vintage)
forecast-downloads = Forecasts with their intervals, method and skill
