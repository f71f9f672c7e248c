-- Scenarios beside the forecasts, and the published projections a run is compared with. The
-- postgres twin is migrations/postgres/0013_forecast_scenarios.sql.

-- A scenario of a country's net migration, stored with the assumption it states: the built-in
-- zero and constant migration, and those a Technical Working Group defines (a change of net
-- migration, in persons a year, from a year on, added to UN WPP's medium variant). `code` is
-- the VARIANT code its values carry (ZERO_MIG, CONST_MIG, TWG1 ... TWG5).
CREATE TABLE forecast_scenario (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    area       TEXT NOT NULL,
    code       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    from_year  INTEGER,
    change     REAL,
    assumption TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (area, code)
);

-- A published projection kept beside a run's forecasts for the same series and periods (UN WPP
-- 2024's medium variant and its probabilistic bounds for net migration), so that the next
-- edition can set both against what happened.
CREATE TABLE forecast_comparator (
    run_id INTEGER NOT NULL REFERENCES forecast_run (id),
    target TEXT NOT NULL,
    area   TEXT NOT NULL,
    source TEXT NOT NULL,
    period TEXT NOT NULL,
    point  REAL NOT NULL,
    lo80   REAL,
    hi80   REAL,
    lo95   REAL,
    hi95   REAL,
    PRIMARY KEY (run_id, target, area, source, period)
);
