//! Two versions of one year of figures after a conflict (HTTP 412): what the user typed
//! and what someone else saved meanwhile, side by side, with a choice per figure. Nothing
//! is lost: each differing figure shows both values until the user picks one.

use std::collections::BTreeMap;

use super::draft::Draft;
use super::figure::Figure;

/// Which version of a figure to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Mine,
    Theirs,
}

/// A conflict being resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// What the user's edit started from.
    base: Draft,
    mine: Draft,
    theirs: Draft,
    /// The version `theirs` is stored at: the merge is saved against it.
    pub version: i64,
    choices: BTreeMap<Figure, Side>,
}

impl Conflict {
    /// Each differing figure starts on the side that changed it since `base`: figures only
    /// they changed take theirs, figures the user changed (alone or as well) take the user's.
    pub fn new(base: Draft, mine: Draft, theirs: Draft, version: i64) -> Conflict {
        let choices = mine
            .differences(&theirs)
            .into_iter()
            .map(|figure| {
                let side = if mine.same(&base, figure) { Side::Theirs } else { Side::Mine };
                (figure, side)
            })
            .collect();
        Conflict { base, mine, theirs, version, choices }
    }

    /// The figures whose two versions differ, in form order.
    pub fn figures(&self) -> Vec<Figure> {
        Figure::ALL.into_iter().filter(|figure| self.choices.contains_key(figure)).collect()
    }

    pub fn mine(&self) -> &Draft {
        &self.mine
    }

    pub fn theirs(&self) -> &Draft {
        &self.theirs
    }

    /// Whether the user had changed `figure` from what the edit started from.
    pub fn changed_by_me(&self, figure: Figure) -> bool {
        !self.mine.same(&self.base, figure)
    }

    pub fn choice(&self, figure: Figure) -> Option<Side> {
        self.choices.get(&figure).copied()
    }

    pub fn choose(&mut self, figure: Figure, side: Side) {
        if let Some(choice) = self.choices.get_mut(&figure) {
            *choice = side;
        }
    }

    pub fn choose_all(&mut self, side: Side) {
        self.choices.values_mut().for_each(|choice| *choice = side);
    }

    /// Theirs with the figures chosen from mine: what to save against [`Conflict::version`].
    pub fn merged(&self) -> Draft {
        let mut merged = self.theirs.clone();
        for (&figure, &side) in &self.choices {
            if side == Side::Mine {
                merged.set(figure, self.mine.text(figure).to_string());
            }
        }
        merged
    }

    /// Whether the merge is theirs unchanged: nothing is left to save.
    pub fn keeps_theirs(&self) -> bool {
        self.choices.values().all(|&side| side == Side::Theirs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::portal::draft::tests::stored;
    use Figure::*;

    /// The stored year; the user's edit of tax and energy; their save of tax and water.
    fn conflict() -> Conflict {
        let base = Draft::of(&stored());
        let mut mine = base.clone();
        mine.set(Tax, "650".into());
        mine.set(Energy, "900".into());
        let mut theirs = base.clone();
        theirs.set(Tax, "620".into());
        theirs.set(Water, "5000".into());
        Conflict::new(base, mine, theirs, 4)
    }

    #[test]
    fn each_figure_starts_on_the_side_that_changed_it() {
        let conflict = conflict();
        assert_eq!(conflict.figures(), [Tax, Energy, Water]);
        assert_eq!(conflict.choice(Tax), Some(Side::Mine), "both changed it: the user's edit stays in view");
        assert_eq!(conflict.choice(Energy), Some(Side::Mine));
        assert_eq!(conflict.choice(Water), Some(Side::Theirs));
        assert_eq!(conflict.choice(LandArea), None);
        assert!(conflict.changed_by_me(Tax) && !conflict.changed_by_me(Water));
    }

    #[test]
    fn the_default_merge_keeps_both_sides_changes() {
        let merged = conflict().merged();
        assert_eq!((merged.text(Tax), merged.text(Energy), merged.text(Water)), ("650", "900", "5000"));
    }

    #[test]
    fn choices_pick_per_figure_or_all_at_once() {
        let mut conflict = conflict();
        conflict.choose(Tax, Side::Theirs);
        assert_eq!(conflict.merged().text(Tax), "620");
        conflict.choose_all(Side::Mine);
        assert_eq!(conflict.merged(), *conflict.mine());
        assert!(!conflict.keeps_theirs());
        conflict.choose_all(Side::Theirs);
        assert_eq!(conflict.merged(), *conflict.theirs());
        assert!(conflict.keeps_theirs());
        assert_eq!(conflict.version, 4);
    }
}
