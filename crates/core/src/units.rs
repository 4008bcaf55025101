//! Quantities that carry their unit, so that 亩, m² and 公顷 cannot be mixed up.
//!
//! Areas are stored in m² and converted with exact fractions (spec §0): 1 亩 is
//! 10000/15 m², never 666.67 m², because a rounded factor flips rank ties between
//! enterprises whose land differs by a fraction of a square metre.

use serde::{Deserialize, Serialize};

/// Square metres in one 亩, as the exact fraction 10000/15 (spec §0).
pub const SQUARE_METRES_PER_MU: f64 = 10_000.0 / 15.0;
/// 亩 in one 公顷 (hectare).
pub const MU_PER_HECTARE: f64 = 15.0;

/// An area in square metres: the unit parkatlas stores.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SquareMetres(pub f64);

/// An area in 亩, the unit of 亩均 evaluation (spec §1).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Mu(pub f64);

/// An area in 公顷 (hectares), the unit of land-use intensity (spec §2, §3).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Hectares(pub f64);

impl SquareMetres {
    /// Multiplies before dividing so that whole 亩 in m² (e.g. 20000 m² = 30 亩) convert exactly.
    pub fn to_mu(self) -> Mu {
        Mu(self.0 * 15.0 / 10_000.0)
    }

    pub fn to_hectares(self) -> Hectares {
        Hectares(self.0 / 10_000.0)
    }
}

impl Mu {
    pub fn to_square_metres(self) -> SquareMetres {
        SquareMetres(self.0 * 10_000.0 / 15.0)
    }

    pub fn to_hectares(self) -> Hectares {
        Hectares(self.0 / MU_PER_HECTARE)
    }
}

impl Hectares {
    pub fn to_square_metres(self) -> SquareMetres {
        SquareMetres(self.0 * 10_000.0)
    }

    pub fn to_mu(self) -> Mu {
        Mu(self.0 * MU_PER_HECTARE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;
    use proptest::prelude::*;

    #[test]
    fn thirty_mu_is_twenty_thousand_square_metres() {
        assert_eq!(SquareMetres(20_000.0).to_mu(), Mu(30.0));
        assert_eq!(Mu(30.0).to_square_metres(), SquareMetres(20_000.0));
    }

    #[test]
    fn one_hectare_is_fifteen_mu() {
        assert_eq!(Hectares(1.0).to_mu(), Mu(15.0));
        assert_eq!(Mu(15.0).to_hectares(), Hectares(1.0));
        assert_eq!(SquareMetres(10_000.0).to_hectares(), Hectares(1.0));
    }

    #[test]
    fn one_mu_is_the_exact_fraction_not_666_67() {
        assert_relative_eq!(Mu(1.0).to_square_metres().0, 666.666_666_666_666_6, epsilon = 1e-9);
        assert_ne!(Mu(1.0).to_square_metres().0, 666.67);
    }

    proptest! {
        #[test]
        fn mu_round_trips_through_square_metres(mu in 0.0f64..1e7) {
            let back = Mu(mu).to_square_metres().to_mu().0;
            prop_assert!((back - mu).abs() <= mu * 1e-15 + 1e-12);
        }
    }
}
