-- Runs of the mprofile forecasting module (crates/forecast), kept as they were made: an edition
-- that published a run's forecasts can be compared later with what happened, and a new run
-- never overwrites an old one. The postgres twin is migrations/postgres/0007_forecasts.sql.

CREATE TABLE forecast_run (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at   TEXT NOT NULL,
    -- The selection rule and its settings, e.g. "AUTO: group rule, 8 earlier origins".
    rule         TEXT NOT NULL,
    -- The sources and vintages of the history the run read, e.g. "undesa-ims 2024; worldbank 2025".
    data_vintage TEXT NOT NULL,
    -- The import batch that stored the run's forecasts as observations (OBS_STATUS F), if any.
    batch_id     INTEGER REFERENCES import_batch (id)
);

-- One row per forecast period: the median and the 80 % and 95 % intervals.
CREATE TABLE forecast_value (
    run_id  INTEGER NOT NULL REFERENCES forecast_run (id),
    target  TEXT NOT NULL,
    area    TEXT NOT NULL,
    method  TEXT NOT NULL,
    horizon INTEGER NOT NULL,
    period  TEXT NOT NULL,
    point   REAL NOT NULL,
    lo80    REAL NOT NULL,
    hi80    REAL NOT NULL,
    lo95    REAL NOT NULL,
    hi95    REAL NOT NULL,
    PRIMARY KEY (run_id, target, area, period)
);

-- Backtest of every method on every series: the measures over the last comparable periods.
CREATE TABLE forecast_skill (
    run_id    INTEGER NOT NULL REFERENCES forecast_run (id),
    target    TEXT NOT NULL,
    area      TEXT NOT NULL,
    method    TEXT NOT NULL,
    -- Whether the run chose this method for the series.
    chosen    INTEGER NOT NULL,
    -- Forecast origins (last year seen), comma-separated, and steps ahead.
    origins   TEXT NOT NULL,
    horizon   INTEGER NOT NULL,
    n         INTEGER NOT NULL,
    mae       REAL NOT NULL,
    rmse      REAL NOT NULL,
    mase      REAL NOT NULL,
    me        REAL NOT NULL,
    cover80   REAL NOT NULL,
    cover95   REAL NOT NULL,
    winkler80 REAL NOT NULL,
    winkler95 REAL NOT NULL,
    PRIMARY KEY (run_id, target, area, method)
);
