### Messages of the forecasts made by mprofile's forecasting module (mp-forecast): the fan
### chart's line and the forecast table of the annex.

series-forecast-module = Forecast (mprofile forecasting module)
forecast-table-title = Forecasts of the mprofile forecasting module
forecast-table-none = The forecasting module has made no forecast for the country.
forecast-col-median = Forecast (median)
forecast-col-interval = 80 % interval
forecast-col-method = Method
forecast-col-skill = Track record
forecast-interval = { $lo } to { $hi }
forecast-skill = On the last three comparable periods this method missed by { $missed } on average, against { $naive } for simply carrying the last value forward.
forecast-skill-none = No backtest: too few past values.
forecast-table-note = Forecasts are projections, not observations, and are kept out of the historical tables. The track record compares each method's past forecasts with what happened; errors are in units of the series' typical change from one period to the next (below 1: smaller than that change). Eight out of ten future values should fall inside the 80 % interval.
