//! mprofile charts: small, accessible SVG line, bar and band charts
