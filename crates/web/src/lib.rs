//! mprofile web portal and JSON API
