//! Conditions that several tiers ask with different thresholds (years in the niche, revenue,
//! main-business share, R&D in each year, titles held, market position), built once here.

use super::bands::Figure;
use super::criterion::{label, Criterion, Label, Unit};
use super::facts::Facts;
use super::ladder::Tier;
use super::paths::DirectPath;
use super::profile::FiscalYearFigures;

const NICHE_YEARS: Label = label("years_in_niche", "从事特定细分市场年限", "years in the niche market");
const REVENUE: Label = label("revenue_last_year", "上年度营业收入", "revenue last year");
const REVENUE_OR: Label = label("revenue_or_equity", "营业收入或股权融资达标", "revenue or equity financing");
const SHARE: Label =
    label("main_business_share", "上年度主营业务收入占营业收入比重", "main business share of revenue last year");
const DEBT: Label = label("debt_ratio", "资产负债率", "debt-to-asset ratio");
const HOLDS: Label =
    label("holds_prerequisite_title", "持有有效期内的前一梯度称号", "holds the previous tier's valid title");
const RD_EACH_YEAR: Label = label("rd_each_year", "近年每年研发投入达标", "R&D requirement met in each recent year");
const RD: Label = label("rd_expense", "研发费用", "R&D expense");
const RD_RATIO: Label = label("rd_to_revenue", "研发费用占营业收入比重", "R&D share of revenue");
const RD_TOTAL: Label = label("rd_total", "近年研发费用总额", "R&D expense over recent years");
const IP: Label = label("main_product_class1_ip", "主导产品相关Ⅰ类知识产权数量", "Ⅰ-class IP on the main product");
const IP_OR_WAIVER: Label =
    label("main_product_ip_or_waiver", "主导产品Ⅰ类知识产权或豁免条件", "main-product IP or a waiver");
const NICHE_SHARE: Label = label("national_niche_share", "主导产品全国细分市场占有率", "national niche market share");
const CHAIN: Label =
    label("key_chain_link", "位于产业链关键环节（人工审核）", "key link of an industrial chain (manual review)");

pub(crate) fn revenue(y: &FiscalYearFigures) -> Option<f64> {
    y.revenue_wan_yuan
}

fn rd(y: &FiscalYearFigures) -> Option<f64> {
    y.rd_expense_wan_yuan
}

pub(crate) fn years_in_niche(facts: &Facts, min: Figure) -> Criterion {
    Criterion::at_least(NICHE_YEARS, facts.profile.years_in_niche.map(f64::from), min, Unit::Years)
}

pub(crate) fn revenue_at_least(facts: &Facts, min: Figure) -> Criterion {
    Criterion::at_least(REVENUE, facts.value(0, revenue), min, Unit::WanYuan)
}

/// Last year's revenue ≥ `min`, or one of the alternatives (equity raised).
pub(crate) fn revenue_or(facts: &Facts, min: Figure, alternatives: &[DirectPath]) -> Criterion {
    let mut ways = vec![revenue_at_least(facts, min)];
    ways.extend(alternatives.iter().map(|path| path.evaluate(facts)));
    Criterion::any_of(REVENUE_OR, ways)
}

pub(crate) fn main_business_share(facts: &Facts, min: Figure) -> Criterion {
    let share = facts.share(0, |y| y.main_business_revenue_wan_yuan, revenue);
    Criterion::at_least(SHARE, share, min, Unit::Ratio)
}

pub(crate) fn debt_at_most(facts: &Facts, max: Figure) -> Criterion {
    Criterion::at_most(DEBT, facts.profile.debt_ratio, max, Unit::Ratio)
}

/// A title held on the evaluation date.
pub(crate) fn holds_title(tier: Tier, facts: &Facts) -> Criterion {
    let c = Criterion::flag(HOLDS, facts.holds(&tier.held_by()));
    Criterion {
        description_zh: format!("持有有效期内的{}称号", tier.name_zh()),
        description_en: format!("holds a valid {} title", tier.name_en()),
        ..c
    }
}

/// At least `min_amount` (if any) and `min_ratio` of revenue spent on R&D in each of the last `years` years.
pub(crate) fn rd_each_year(facts: &Facts, years: u32, min_amount: Option<Figure>, min_ratio: Figure) -> Criterion {
    Criterion::each_year(RD_EACH_YEAR, facts.last_year, years, |back| {
        let ratio = Criterion::at_least(RD_RATIO, facts.share(back, rd, revenue), min_ratio, Unit::Ratio);
        match min_amount {
            Some(min) => {
                Criterion::all_of(RD, vec![Criterion::at_least(RD, facts.value(back, rd), min, Unit::WanYuan), ratio])
            }
            None => ratio,
        }
    })
}

/// R&D expense summed over the last `years` years ≥ `min`.
pub(crate) fn rd_total(facts: &Facts, years: u32, min: Figure) -> Criterion {
    Criterion::at_least(RD_TOTAL, facts.sum(years, rd), min, Unit::WanYuan)
}

/// Ⅰ类 IP on the main product ≥ `min`, unless a waiver holds.
pub(crate) fn main_product_ip(facts: &Facts, min: Figure, waivers: &[DirectPath]) -> Criterion {
    let count = facts.profile.ip.class1_main_product.map(f64::from);
    let mut ways = vec![Criterion::at_least(IP, count, min, Unit::Count)];
    ways.extend(waivers.iter().map(|path| path.evaluate(facts)));
    Criterion::any_of(IP_OR_WAIVER, ways)
}

/// National niche market share ≥ `min`; a judgement, so unanswered means manual review.
pub(crate) fn national_niche_share(facts: &Facts, min: Figure) -> Criterion {
    Criterion::at_least(NICHE_SHARE, facts.profile.national_niche_market_share_ratio, min, Unit::Ratio)
        .or_manual_review()
}

pub(crate) fn key_chain_link(facts: &Facts) -> Criterion {
    Criterion::judgement(CHAIN, facts.profile.key_chain_link)
}
