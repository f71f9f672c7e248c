//! mprofile messages in English, French and Portuguese, and locale number formatting
