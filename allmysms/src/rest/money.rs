//! Amounts in euros: the REST API's money, never mixed with the v9 API's credits.

use core::fmt;

use serde_json::Value;

/// An amount of money in euros (`balance`, `cost`). A distinct type, so that it cannot be
/// mixed up with the v9 API's credits.
///
/// ```
/// use allmysms::rest::Euros;
///
/// let cost = Euros::new(0.19);
/// assert_eq!(cost.amount(), 0.19);
/// assert_eq!(cost.to_string(), "0.19 €");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct Euros(f64);

impl Euros {
    /// An amount in euros.
    pub const fn new(amount: f64) -> Self {
        Self(amount)
    }
    /// The amount in euros.
    pub const fn amount(self) -> f64 {
        self.0
    }
}

impl fmt::Display for Euros {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.2} €", self.0)
    }
}

pub(super) fn euros(v: Option<&Value>) -> Option<Euros> {
    match v? {
        Value::Number(n) => n.as_f64().map(Euros),
        Value::String(s) => s.trim().replace(',', ".").parse().ok().map(Euros),
        _ => None,
    }
}
