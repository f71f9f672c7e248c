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
forecast-col-kind = Kind of series
forecast-col-comparator = UN WPP 2024 projection
forecast-kind-observed = Observed series (counts or flows reported year by year)
forecast-kind-estimates = Published estimates (five-yearly)
forecast-kind-model = UN WPP model estimates, whose latest years are partly earlier projections
forecast-kind-unknown = Not stated
forecast-scenario-series = Scenario: { $name }
forecast-scenario-note = Dashed lines marked "Scenario" are scenarios, not forecasts: they show what would follow from a stated assumption, not what is expected.
forecast-scenario-zero = Zero migration: as many people arrive as leave every year from { $year } on.
forecast-scenario-const = Constant migration: net migration stays at { $value } a year from { $year } on, its latest estimate.
forecast-scenario-twg = { $name }: the UN medium variant changed by { $change } a year from { $year } on. Assumption stated by the Technical Working Group: { $assumption }
