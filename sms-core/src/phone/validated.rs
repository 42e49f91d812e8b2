//! Full per-country validation with rlibphonenumber (feature `libphonenumber`).
