//! Numbers as people read them: areas in 亩 and m², money in 万元, with the grouping
//! and precision a land officer would write.

use parkatlas_core::units::SquareMetres;

use crate::i18n::Texts;

/// A 亩均 score as results print it, two decimals.
pub fn points(total: f64) -> String {
    format!("{total:.2}")
}

/// `1234567.8` → `1,234,568` (grouped, no decimals) for figures in the thousands and up;
/// smaller figures keep up to `decimals` places, trailing zeros dropped.
pub fn number(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return "—".to_string();
    }
    if value.abs() >= 1000.0 {
        let rounded = value.round() as i64;
        let digits = rounded.unsigned_abs().to_string();
        let mut grouped = String::new();
        for (index, digit) in digits.chars().enumerate() {
            if index > 0 && (digits.len() - index).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(digit);
        }
        return if rounded < 0 { format!("-{grouped}") } else { grouped };
    }
    let text = format!("{value:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

/// An area in 亩, e.g. `52.3 亩`.
pub fn area_mu(area: SquareMetres, texts: &Texts) -> String {
    format!("{} {}", number(area.to_mu().0, 1), texts.mu)
}

/// An area in 亩 and m², e.g. `52.3 亩（34,867 平方米）`.
pub fn area_both(area: SquareMetres, texts: &Texts) -> String {
    format!("{} ({} {})", area_mu(area, texts), number(area.0, 0), texts.m2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{EN, ZH};

    #[test]
    fn groups_thousands_and_trims_small_figures() {
        assert_eq!(number(1_234_567.8, 1), "1,234,568");
        assert_eq!(number(-4_500.0, 1), "-4,500");
        assert_eq!(number(52.26, 1), "52.3");
        assert_eq!(number(52.0, 1), "52");
        assert_eq!(number(0.126, 2), "0.13");
        assert_eq!(number(f64::NAN, 1), "—");
    }

    #[test]
    fn fifty_mu_is_exactly_fifty() {
        let fifty = SquareMetres(50.0 * 10_000.0 / 15.0);
        assert_eq!(area_mu(fifty, &ZH), "50 亩");
        assert_eq!(area_both(fifty, &EN), "50 mu (33,333 m²)");
    }
}
