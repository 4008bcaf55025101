//! The bilingual texts of calendar results: deadline explanations (the rule, the counting
//! convention, the days skipped and counted, so a person can check a due date by hand),
//! working-day counts and coverage warnings.

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use super::deadline::Extension;
use super::rules::{CategoryRule, ServiceRules};
use super::working::{Coverage, Day, DayKind, WorkingCalendar};
use super::{capitalise, Bilingual, Label};

/// The pieces every deadline explanation names.
pub(super) struct Texts<'a> {
    pub rules: &'a ServiceRules,
    pub rule: &'a CategoryRule,
    pub submitted_at: NaiveDateTime,
    pub due_at: NaiveDateTime,
}

impl Texts<'_> {
    pub fn working_days(
        &self,
        calendar: &WorkingCalendar,
        count: u32,
        extension: Option<&Extension>,
        start: NaiveDate,
        n: u32,
    ) -> Bilingual {
        let Texts { rules, rule, submitted_at, due_at } = self;
        let (category, kind) = (rule.category.label(), rule.kind.label());
        let (source, version) = (&rule.source, &rules.version);
        let (submitted_day, due_day) =
            (describe(&calendar.day(submitted_at.date())), describe(&calendar.day(due_at.date())));
        let (extension_zh, extension_en) = match extension {
            Some(Extension { working_days, reason }) => (
                format!("，另经批准延期{working_days}个工作日（理由：{reason}）"),
                format!(", extended by {working_days} working days (reason: {reason})"),
            ),
            None => (String::new(), String::new()),
        };
        let due_on = due_at.date();
        Bilingual::new(
            format!(
                "类别“{}”：须在{count}个工作日内{}（{source}，规则版本{version}）{extension_zh}。\
                 {submitted_at}（{}）提交，提交当日不计，自其后第一个工作日{start}起算；\
                 第{n}个工作日为{due_on}（{}），截止{due_at}（北京时间，UTC+08:00）。",
                category.zh, kind.zh, submitted_day.zh, due_day.zh
            ),
            format!(
                "Category “{}”: to be {} within {count} working days ({source}, rules {version}){extension_en}. \
                 Submitted {submitted_at} ({}); the day of submission does not count, so counting starts on the \
                 first working day after it, {start}. Working day {n} is {due_on} ({}): due {due_at} \
                 (China time, UTC+08:00).",
                category.en, kind.en, submitted_day.en, due_day.en
            ),
        )
    }

    pub fn clock_hours(&self, count: u32) -> Bilingual {
        let Texts { rules, rule, submitted_at, due_at } = self;
        let (category, kind) = (rule.category.label(), rule.kind.label());
        let (source, version) = (&rule.source, &rules.version);
        Bilingual::new(
            format!(
                "类别“{}”：须在{count}小时内{}（{source}，规则版本{version}），按自然小时计算，夜间和节假日照计：\
                 {submitted_at}提交，截止{due_at}（北京时间，UTC+08:00）。",
                category.zh, kind.zh
            ),
            format!(
                "Category “{}”: to be {} within {count} hours ({source}, rules {version}), counted in clock hours, \
                 nights and holidays included: submitted {submitted_at}, due {due_at} (China time, UTC+08:00).",
                category.en, kind.en
            ),
        )
    }
}

/// A day as a person needs it in an explanation: "星期一，春节假期" / "Monday, Spring Festival holiday".
fn describe(day: &Day) -> Bilingual {
    let weekday = weekday_label(day.date);
    match &day.kind {
        DayKind::Workday | DayKind::Weekend => weekday.into(),
        DayKind::Holiday { name_zh, name_en } => {
            Bilingual::new(format!("{}，{name_zh}假期", weekday.zh), format!("{}, {name_en} holiday", weekday.en))
        }
        DayKind::AdjustedWorkday { for_zh, for_en } => {
            Bilingual::new(format!("{}，{for_zh}调休上班", weekday.zh), format!("{}, worked for {for_en}", weekday.en))
        }
    }
}

/// The weekday's name, 星期一 … 星期日 and Monday … Sunday.
pub(super) fn weekday_label(date: NaiveDate) -> Label {
    const LABELS: [Label; 7] = [
        Label { zh: "星期一", en: "Monday" },
        Label { zh: "星期二", en: "Tuesday" },
        Label { zh: "星期三", en: "Wednesday" },
        Label { zh: "星期四", en: "Thursday" },
        Label { zh: "星期五", en: "Friday" },
        Label { zh: "星期六", en: "Saturday" },
        Label { zh: "星期日", en: "Sunday" },
    ];
    LABELS[date.weekday().num_days_from_monday() as usize]
}

/// "There are N working days after A up to and including B", negative counts explained.
pub(super) fn count_explanation(from: NaiveDate, to: NaiveDate, working_days: i64) -> Bilingual {
    if working_days >= 0 {
        Bilingual::new(
            format!("{from}（不含）至{to}（含）之间有{working_days}个工作日。"),
            format!("There are {working_days} working days after {from} up to and including {to}."),
        )
    } else {
        let days = -working_days;
        Bilingual::new(
            format!("{to}早于{from}，计为负数：{to}（不含）至{from}（含）之间有{days}个工作日，记为{working_days}。"),
            format!(
                "{to} is before {from}, so the count is negative: {days} working days after {to} up to and \
                 including {from}, recorded as {working_days}."
            ),
        )
    }
}

/// The holidays skipped and adjusted working days counted in (after, through], as one
/// sentence per language; `None` when the span has neither.
pub(super) fn span_notes(calendar: &WorkingCalendar, after: NaiveDate, through: NaiveDate) -> Option<Bilingual> {
    // Holiday runs, each (name_zh, name_en, first, last), merged over consecutive dates.
    let mut runs: Vec<(&str, &str, NaiveDate, NaiveDate)> = Vec::new();
    let mut worked: Vec<(NaiveDate, &str, &str)> = Vec::new();
    for (&date, kind) in calendar.listed_between(after, through) {
        match kind {
            DayKind::Holiday { name_zh, name_en } => match runs.last_mut() {
                Some(run) if run.0 == name_zh && run.3.succ_opt() == Some(date) => run.3 = date,
                _ => runs.push((name_zh, name_en, date, date)),
            },
            DayKind::AdjustedWorkday { for_zh, for_en } => worked.push((date, for_zh, for_en)),
            DayKind::Workday | DayKind::Weekend => {}
        }
    }
    let mut zh = Vec::new();
    let mut en = Vec::new();
    if !runs.is_empty() {
        let span = |first: NaiveDate, last: NaiveDate, to: &str| {
            if first == last {
                first.to_string()
            } else {
                format!("{first}{to}{last}")
            }
        };
        let list_zh: Vec<_> = runs.iter().map(|r| format!("{}（{}）", r.0, span(r.2, r.3, "至"))).collect();
        let list_en: Vec<_> = runs.iter().map(|r| format!("{} ({})", r.1, span(r.2, r.3, " to "))).collect();
        zh.push(format!("放假不计：{}", list_zh.join("、")));
        en.push(format!("holidays not counted: {}", list_en.join(", ")));
    }
    if !worked.is_empty() {
        let list_zh: Vec<_> = worked.iter().map(|w| format!("{}（{}调休上班）", w.0, w.1)).collect();
        let list_en: Vec<_> = worked.iter().map(|w| format!("{} (worked for {})", w.0, w.2)).collect();
        zh.push(format!("调休上班计为工作日：{}", list_zh.join("、")));
        en.push(format!("adjusted working days counted: {}", list_en.join(", ")));
    }
    if zh.is_empty() {
        return None;
    }
    Some(Bilingual::new(format!("{}。", zh.join("；")), format!("{}.", capitalise(&en.join("; ")))))
}

impl Coverage {
    /// What a person must be told about the coverage, in both languages.
    pub fn warnings(&self) -> Vec<Bilingual> {
        let mut warnings = Vec::new();
        if self.is_fallback() {
            let years = join_years(&self.fallback_years);
            warnings.push(Bilingual::new(
                format!(
                    "日历未收录{years}年的节假日安排，这些年份按周一至周五为工作日计算，结果可能有误；\
                     请补充国务院当年的放假通知。"
                ),
                format!(
                    "The calendar has no holiday schedule for {years}: those years count Monday to Friday as working \
                     days, so the result may be wrong. Add that year's State Council notice to the calendar."
                ),
            ));
        }
        if !self.unofficial_years.is_empty() {
            let years = join_years(&self.unofficial_years);
            warnings.push(Bilingual::new(
                format!("{years}年的节假日安排不是正式通知（草稿或预估），请以正式发布的通知为准。"),
                format!(
                    "The holiday schedule for {years} is not from an official notice (a draft or forecast); \
                     check the result against the published notice."
                ),
            ));
        }
        warnings
    }
}

fn join_years(years: &[i32]) -> String {
    years.iter().map(i32::to_string).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use crate::calendar::{Category, Extension, Label, ServiceRules, WorkingCalendar};
    use chrono::NaiveDateTime;

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").unwrap()
    }

    fn explain(category: Category, submitted: &str, extension: Option<Extension>) -> crate::calendar::Bilingual {
        let rules = ServiceRules::china_default();
        rules.deadline(&WorkingCalendar::china(), category, at(submitted), extension).unwrap().explanation
    }

    #[test]
    fn a_complaint_across_spring_festival_explains_every_skipped_and_counted_day() {
        let explanation = explain(Category::ComplaintOrReport, "2026-02-10 15:00:00", None);
        assert_eq!(
            explanation.zh,
            "类别“投诉/举报”：须在15个工作日内办结（广东 12345 热线工单办理时限 · spec §6 [S50]，\
             规则版本cn-default-2025）。2026-02-10 15:00:00（星期二）提交，提交当日不计，\
             自其后第一个工作日2026-02-11起算；第15个工作日为2026-03-09（星期一），\
             截止2026-03-09 23:59:59（北京时间，UTC+08:00）。放假不计：春节（2026-02-15至2026-02-23）；\
             调休上班计为工作日：2026-02-14（春节调休上班）、2026-02-28（春节调休上班）。"
        );
        assert_eq!(
            explanation.en,
            "Category “complaint or report”: to be resolved within 15 working days (广东 12345 热线工单办理时限 · spec \
             §6 [S50], rules cn-default-2025). Submitted 2026-02-10 15:00:00 (Tuesday); the day of submission does not \
             count, so counting starts on the first working day after it, 2026-02-11. Working day 15 is 2026-03-09 \
             (Monday): due 2026-03-09 23:59:59 (China time, UTC+08:00). Holidays not counted: Spring Festival \
             (2026-02-15 to 2026-02-23); adjusted working days counted: 2026-02-14 (worked for Spring Festival), \
             2026-02-28 (worked for Spring Festival)."
        );
    }

    #[test]
    fn a_submission_on_a_holiday_names_the_holiday_and_a_due_date_on_an_adjusted_day_says_so() {
        let explanation = explain(Category::General, "2026-02-20 09:00:00", None);
        assert!(explanation.zh.contains("2026-02-20 09:00:00（星期五，春节假期）提交"), "{}", explanation.zh);
        assert!(
            explanation.en.contains("Working day 5 is 2026-02-28 (Saturday, worked for Spring Festival)"),
            "{}",
            explanation.en
        );
    }

    #[test]
    fn an_extension_is_explained_with_its_reason() {
        let extension = Extension { working_days: 10, reason: "需现场核查".into() };
        let explanation = explain(Category::General, "2026-02-20 09:00:00", Some(extension));
        assert!(explanation.zh.contains("规则版本cn-default-2025），另经批准延期10个工作日（理由：需现场核查）。"));
        assert!(
            explanation.en.contains(", extended by 10 working days (reason: 需现场核查). Submitted"),
            "{}",
            explanation.en
        );
        assert!(explanation.en.contains("Working day 15 is 2026-03-13 (Friday)"), "{}", explanation.en);
    }

    #[test]
    fn a_clock_hour_limit_says_holidays_are_counted() {
        let explanation = explain(Category::Urgent, "2026-02-16 23:00:00", None);
        assert_eq!(
            explanation.en,
            "Category “urgent request”: to be answered within 2 hours (成都金牛区 紧急诉求响应时限 · \
             spec §6 [S50], rules cn-default-2025), counted in clock hours, nights and holidays included: \
             submitted 2026-02-16 23:00:00, due 2026-02-17 01:00:00 (China time, UTC+08:00)."
        );
        assert!(explanation.zh.starts_with("类别“紧急诉求”：须在2小时内响应"), "{}", explanation.zh);
    }

    #[test]
    fn weekday_labels_name_the_day_in_both_languages() {
        assert_eq!(super::weekday_label("2026-02-14".parse().unwrap()), Label { zh: "星期六", en: "Saturday" });
        assert_eq!(super::weekday_label("2026-02-16".parse().unwrap()), Label { zh: "星期一", en: "Monday" });
    }
}
