//! mprofile PDF typesetting of the profile model with typst
