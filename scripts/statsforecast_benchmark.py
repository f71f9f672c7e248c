#!/usr/bin/env python3
"""The common forecast benchmark run with statsforecast, to compare with mprofile's own
(crates/forecast/tests/benchmark.rs): the 20 WPP 2024 series of net migration (absolute) and
crude net migration rate of the ten profile countries, estimates 1950-2023, forecast origins
2008, 2013 and 2018, horizon 5, MASE scaled by the in-sample one-step naive error, averaged
over the 60 forecasts; coverage of the models' own 80 % and 95 % intervals.

Run it in a throwaway virtual environment (results in BENCHMARKS.md):

    python3 -m venv /tmp/sf && /tmp/sf/bin/pip install statsforecast==2.1.1 pandas
    /tmp/sf/bin/python scripts/statsforecast_benchmark.py ../shared/data/un-wpp2024
"""

import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from statsforecast import StatsForecast
from statsforecast.models import AutoARIMA, AutoETS, Naive, RandomWalkWithDrift

COUNTRIES = {120: "CMR", 180: "COD", 132: "CPV", 384: "CIV", 288: "GHA", 466: "MLI", 478: "MRT", 562: "NER", 566: "NGA", 686: "SEN"}
ORIGINS = [2008, 2013, 2018]
H = 5


def series(folder: Path) -> pd.DataFrame:
    rows = []
    for name, code in [("migration", "NET.MIG"), ("cnmr", "NET.RATE")]:
        wide = pd.read_csv(folder / f"{name}.txt", sep="\t")
        wide = wide[wide["country_code"].isin(COUNTRIES)]
        for _, r in wide.iterrows():
            for year in range(1950, 2024):
                rows.append({"unique_id": f"{code} {COUNTRIES[r['country_code']]}", "ds": year, "y": float(r[str(year)])})
    return pd.DataFrame(rows)


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/un-wpp2024")
    df = series(folder)
    assert df["unique_id"].nunique() == 20
    models = [Naive(), RandomWalkWithDrift(), AutoETS(), AutoARIMA()]
    names = ["Naive", "RWD", "AutoETS", "AutoARIMA"]
    t0 = time.time()
    scores = {n: {"mase": [], "c80": [], "c95": []} for n in names}
    for origin in ORIGINS:
        train = df[df["ds"] <= origin]
        test = df[(df["ds"] > origin) & (df["ds"] <= origin + H)]
        sf = StatsForecast(models=models, freq=1, n_jobs=1)
        fc = sf.forecast(df=train, h=H, level=[80, 95])
        for uid, g in test.groupby("unique_id"):
            y_train = train[train["unique_id"] == uid]["y"].to_numpy()
            scale = np.mean(np.abs(np.diff(y_train)))
            f = fc[fc["unique_id"] == uid].sort_values("ds")
            y = g.sort_values("ds")["y"].to_numpy()
            for n in names:
                scores[n]["mase"].append(np.mean(np.abs(y - f[n].to_numpy())) / scale)
                scores[n]["c80"].append(np.mean((y >= f[f"{n}-lo-80"].to_numpy()) & (y <= f[f"{n}-hi-80"].to_numpy())))
                scores[n]["c95"].append(np.mean((y >= f[f"{n}-lo-95"].to_numpy()) & (y <= f[f"{n}-hi-95"].to_numpy())))
    elapsed = time.time() - t0
    for n in names:
        s = scores[n]
        print(f"{n:<10} forecasts {len(s['mase'])}  MASE {np.mean(s['mase']):.3f}  cover80 {np.mean(s['c80']):.3f}  cover95 {np.mean(s['c95']):.3f}")
    print(f"whole benchmark: {elapsed:.1f} s")


if __name__ == "__main__":
    main()
