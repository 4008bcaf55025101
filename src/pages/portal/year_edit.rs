//! Where the edit of one year of figures stands: what is stored, the save under way (its
//! operation id kept for a retry), the server's refusal placed at its field, and a conflict
//! being merged. A plain type: the figures page only wires its signals to it.

use parkatlas_core::wire::{AnnualDataRecord, AnnualFigures};

use super::figures::{SaveRequest, Saved};
use crate::api::ApiFailure;
use crate::components::portal::draft::Draft;
use crate::components::portal::figure::Figure;
use crate::components::portal::merge::Conflict;

/// The year as stored: the version a save must name, and its figures as a draft.
#[derive(Debug, Clone, PartialEq)]
pub struct Stored {
    pub version: i64,
    pub figures: AnnualFigures,
}

/// What the server refused in the last save.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// A figure's problem, shown beside it while its text is the one refused.
    Figure {
        figure: Figure,
        text: String,
        message: String,
    },
    General(String),
}

/// The last save's outcome, for the line beside the save button.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    Saved {
        version: i64,
    },
    Failed(ApiFailure),
    /// In the outbox, to be sent once there is a connection.
    Queued,
}

/// A save sent and not yet answered.
#[derive(Debug, Clone, PartialEq)]
struct Sending {
    request: SaveRequest,
    draft: Draft,
}

#[derive(Debug, Clone, PartialEq)]
pub struct YearEdit {
    pub enterprise_id: i64,
    pub year: i32,
    pub stored: Option<Stored>,
    /// What the inputs were last loaded with: the base of a three-way merge.
    pub base: Draft,
    /// The last save, kept after a failure so that a retry of the same figures reuses its
    /// operation id and cannot take effect twice.
    last: Option<Sending>,
    pub refusal: Option<Refusal>,
    pub notice: Option<Notice>,
}

/// What an answer asks of the inputs.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// Nothing to change.
    Keep,
    /// Put these figures into the inputs: the stored ones, once they are what was typed.
    Load(Draft),
    /// Someone saved the year meanwhile: merge with their version.
    Merge(Conflict),
}

impl YearEdit {
    /// The edit of `year`, stored as `stored` if it is; a new year starts from the standing
    /// facts of `previous`.
    pub fn new(
        enterprise_id: i64,
        year: i32,
        stored: Option<&AnnualDataRecord>,
        previous: Option<&AnnualFigures>,
    ) -> YearEdit {
        let stored = stored.map(|record| Stored { version: record.version, figures: record.figures.clone() });
        let base = match &stored {
            Some(stored) => Draft::of(&stored.figures),
            None => Draft::new_year(previous),
        };
        YearEdit { enterprise_id, year, stored, base, last: None, refusal: None, notice: None }
    }

    /// The save of `figures`, read from `draft`: against the stored version, with the last
    /// operation id when these very figures are being sent again.
    pub fn send(
        &mut self,
        draft: &Draft,
        figures: AnnualFigures,
        new_operation_id: impl FnOnce() -> String,
    ) -> SaveRequest {
        let version = self.stored.as_ref().map(|stored| stored.version);
        let operation_id = match &self.last {
            Some(last) if last.request.figures == figures && last.request.version == version => {
                last.request.operation_id.clone()
            }
            _ => new_operation_id(),
        };
        let request =
            SaveRequest { enterprise_id: self.enterprise_id, year: self.year, version, figures, operation_id };
        self.last = Some(Sending { request: request.clone(), draft: draft.clone() });
        (self.refusal, self.notice) = (None, None);
        request
    }

    /// Takes the answer to the last save; `typed` is what the inputs hold now.
    pub fn answer(&mut self, saved: Saved, typed: &Draft) -> Answer {
        let sent = self.last.as_ref().map(|last| last.draft.clone()).unwrap_or_else(|| typed.clone());
        match saved {
            Saved::Done(record) => {
                self.last = None;
                self.notice = Some(Notice::Saved { version: record.version });
                let stored = Draft::of(&record.figures);
                self.stored = Some(Stored { version: record.version, figures: record.figures });
                self.base = stored.clone();
                // Typing went on while the save was under way: keep what was typed.
                if typed.differences(&sent).is_empty() {
                    Answer::Load(stored)
                } else {
                    Answer::Keep
                }
            }
            Saved::Conflict { current, version } => {
                self.last = None;
                let conflict = Conflict::new(self.base.clone(), typed.clone(), Draft::of(&current), version);
                self.stored = Some(Stored { version, figures: current });
                Answer::Merge(conflict)
            }
            Saved::Refused { field, message } => {
                self.last = None;
                self.refusal = Some(match field.as_deref().and_then(Figure::at_path) {
                    Some(figure) => Refusal::Figure { figure, text: sent.text(figure).to_string(), message },
                    None => Refusal::General(message),
                });
                Answer::Keep
            }
            Saved::Failed(failure) => {
                self.notice = Some(Notice::Failed(failure));
                Answer::Keep
            }
            // `last` stays: a save from the page replaces the waiting item, under its id.
            Saved::Queued => {
                self.notice = Some(Notice::Queued);
                Answer::Keep
            }
        }
    }

    /// The server's problem with `figure` while it still reads `text`.
    pub fn refused(&self, figure: Figure, text: &str) -> Option<String> {
        match &self.refusal {
            Some(Refusal::Figure { figure: at, text: refused, message }) if *at == figure && refused == text => {
                Some(message.clone())
            }
            _ => None,
        }
    }

    /// Ends `conflict` as the user chose: the inputs take its merge, now an edit of the
    /// version saved meanwhile, and it is to be saved unless it is that version unchanged.
    pub fn resolve(&mut self, conflict: &Conflict) -> (Draft, bool) {
        self.base = conflict.theirs().clone();
        (conflict.merged(), !conflict.keeps_theirs())
    }

    /// Whether `typed` differs from what is stored.
    pub fn unsaved(&self, typed: &Draft) -> bool {
        !typed.differences(&self.base).is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::portal::draft::tests::stored;
    use crate::components::portal::merge::Side;

    fn record(version: i64, figures: AnnualFigures) -> AnnualDataRecord {
        AnnualDataRecord { enterprise_id: 1, year: 2024, version, figures }
    }

    fn edit() -> YearEdit {
        YearEdit::new(1, 2024, Some(&record(3, stored())), None)
    }

    fn typed(tax: &str) -> Draft {
        let mut draft = Draft::of(&stored());
        draft.set(Figure::Tax, tax.into());
        draft
    }

    fn send(edit: &mut YearEdit, draft: &Draft, id: &str) -> SaveRequest {
        edit.send(draft, draft.read().unwrap(), || id.to_string())
    }

    #[test]
    fn a_save_names_the_stored_version_and_a_retry_reuses_its_operation() {
        let mut edit = edit();
        let first = send(&mut edit, &typed("650"), "op-1");
        assert_eq!((first.version, first.year, first.operation_id.as_str()), (Some(3), 2024, "op-1"));
        assert_eq!(edit.answer(Saved::Failed(ApiFailure::Network), &typed("650")), Answer::Keep);
        assert_eq!(edit.notice, Some(Notice::Failed(ApiFailure::Network)));
        assert_eq!(send(&mut edit, &typed("650"), "op-2").operation_id, "op-1", "the same figures again");
        assert_eq!(send(&mut edit, &typed("660"), "op-3").operation_id, "op-3", "other figures");
    }

    #[test]
    fn a_new_year_is_created_without_a_version() {
        let mut edit = YearEdit::new(1, 2025, None, Some(&stored()));
        assert_eq!(edit.base.text(Figure::LandArea), "30");
        assert_eq!(send(&mut edit, &typed("1"), "op").version, None);
    }

    #[test]
    fn a_saved_year_becomes_the_stored_version() {
        let mut edit = edit();
        let mut figures = stored();
        figures.efficiency.tax_wan_yuan = Some(650.0);
        send(&mut edit, &typed("650.0"), "op");
        let Answer::Load(loaded) = edit.answer(Saved::Done(record(4, figures.clone())), &typed("650.0")) else {
            panic!("the stored figures are loaded")
        };
        assert_eq!(loaded.text(Figure::Tax), "650");
        assert_eq!(edit.stored, Some(Stored { version: 4, figures }));
        assert!(!edit.unsaved(&typed("650")));
        assert_eq!(edit.notice, Some(Notice::Saved { version: 4 }));
    }

    #[test]
    fn typing_during_a_save_is_kept() {
        let mut edit = edit();
        send(&mut edit, &typed("650"), "op");
        let mut figures = stored();
        figures.efficiency.tax_wan_yuan = Some(650.0);
        assert_eq!(edit.answer(Saved::Done(record(4, figures)), &typed("700")), Answer::Keep);
        assert!(edit.unsaved(&typed("700")));
    }

    #[test]
    fn a_refusal_stays_beside_its_figure_until_the_figure_changes() {
        let mut edit = edit();
        send(&mut edit, &typed("650"), "op");
        let refusal = Saved::Refused { field: Some("efficiency.tax_wan_yuan".into()), message: "too much".into() };
        edit.answer(refusal, &typed("650"));
        assert_eq!(edit.refused(Figure::Tax, "650"), Some("too much".into()));
        assert_eq!(edit.refused(Figure::Tax, "600"), None);
        edit.answer(Saved::Refused { field: None, message: "closed".into() }, &typed("650"));
        assert_eq!(edit.refusal, Some(Refusal::General("closed".into())));
    }

    #[test]
    fn a_conflict_keeps_mine_and_saves_the_merge_against_their_version() {
        let mut edit = edit();
        send(&mut edit, &typed("650"), "op");
        let mut theirs = stored();
        theirs.efficiency.water_t = Some(5000.0);
        let Answer::Merge(conflict) = edit.answer(Saved::Conflict { current: theirs, version: 5 }, &typed("650"))
        else {
            panic!("a conflict to merge")
        };
        assert_eq!(conflict.choice(Figure::Tax), Some(Side::Mine));
        assert_eq!(conflict.choice(Figure::Water), Some(Side::Theirs));
        let (merged, to_save) = edit.resolve(&conflict);
        assert!(to_save);
        assert_eq!((merged.text(Figure::Tax), merged.text(Figure::Water)), ("650", "5000"));
        assert_eq!(send(&mut edit, &merged, "op-2").version, Some(5));
    }

    #[test]
    fn taking_theirs_saves_nothing() {
        let mut edit = edit();
        send(&mut edit, &typed("650"), "op");
        let Answer::Merge(mut conflict) = edit.answer(Saved::Conflict { current: stored(), version: 5 }, &typed("650"))
        else {
            panic!("a conflict to merge")
        };
        conflict.choose_all(Side::Theirs);
        assert_eq!(edit.resolve(&conflict), (Draft::of(&stored()), false));
        assert_eq!(edit.base, Draft::of(&stored()));
        assert_eq!(edit.stored.as_ref().map(|stored| stored.version), Some(5));
    }
}
