//! mprofile rendering of the profile model to HTML
