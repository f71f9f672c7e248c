//! National data: what ministries and the statistics office submit (long CSV with a column
//! mapping, SDMX-CSV 1.0 and 2.0, the XLSX submission template).
