//! The outline being drawn (a new parcel: tap to add corners, then finish) or reshaped (an
//! existing parcel: drag corners, tap a side's middle to add one, select one to delete it),
//! checked by core after every change, with its area in 亩.

use parkatlas_core::geometry::{check_outline, OutlineProblem, Shape};
use parkatlas_core::units::Mu;

use crate::map::outline::{OutlineEvent, OutlineShown};

/// What the outline is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutlineFor {
    /// A parcel still to be created in this park.
    NewParcel {
        park_id: i64,
    },
    Parcel {
        id: i64,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct OutlineDraft {
    pub purpose: OutlineFor,
    corners: Vec<(f64, f64)>,
    /// Finished: taps no longer add corners and each side can take a new one.
    closed: bool,
    selected: Option<usize>,
    /// Core's verdict on the corners as they stand.
    checked: Result<Shape, OutlineProblem>,
}

impl OutlineDraft {
    /// An empty outline for a new parcel of `park_id`.
    pub fn new_parcel(park_id: i64) -> OutlineDraft {
        OutlineDraft::with(OutlineFor::NewParcel { park_id }, Vec::new(), false)
    }

    /// An existing parcel's outer ring, ready to reshape (the closing position dropped).
    pub fn reshape(id: i64, ring: &[[f64; 2]]) -> OutlineDraft {
        let mut corners: Vec<(f64, f64)> = ring.iter().map(|&[lon, lat]| (lon, lat)).collect();
        if corners.len() > 1 && corners.first() == corners.last() {
            corners.pop();
        }
        OutlineDraft::with(OutlineFor::Parcel { id }, corners, true)
    }

    fn with(purpose: OutlineFor, corners: Vec<(f64, f64)>, closed: bool) -> OutlineDraft {
        let checked = check_outline(&corners);
        OutlineDraft { purpose, corners, closed, selected: None, checked }
    }

    fn changed(&mut self) {
        self.checked = check_outline(&self.corners);
    }

    pub fn corners(&self) -> &[(f64, f64)] {
        &self.corners
    }

    pub fn closed(&self) -> bool {
        self.closed
    }

    pub fn selected(&self) -> Option<usize> {
        self.selected
    }

    /// What the map does: a tap adds a corner while drawing and clears the selection after;
    /// a drag moves a corner; a tapped corner is selected (tapped again, unselected); a
    /// side's middle adds a corner there.
    pub fn apply(&mut self, event: OutlineEvent) {
        match event {
            OutlineEvent::Tap { lon, lat } if !self.closed => {
                self.corners.push((lon, lat));
                self.changed();
            }
            OutlineEvent::Tap { .. } => self.selected = None,
            OutlineEvent::Drag { corner, lon, lat } => {
                if let Some(at) = self.corners.get_mut(corner) {
                    *at = (lon, lat);
                    self.changed();
                }
            }
            OutlineEvent::Corner(corner) if corner < self.corners.len() => {
                self.selected = if self.selected == Some(corner) { None } else { Some(corner) };
            }
            OutlineEvent::Corner(_) => {}
            OutlineEvent::Midpoint(side) => self.insert_on_side(side),
        }
    }

    /// Adds a corner in the middle of side `side` (from that corner to the next) and selects it.
    fn insert_on_side(&mut self, side: usize) {
        let count = self.corners.len();
        if !self.closed || side >= count {
            return;
        }
        let (a, b) = (self.corners[side], self.corners[(side + 1) % count]);
        self.corners.insert(side + 1, ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0));
        self.selected = Some(side + 1);
        self.changed();
    }

    /// Removes the selected corner (while drawing without one selected, the last one added).
    pub fn delete_corner(&mut self) {
        let index = match (self.selected, self.closed) {
            (Some(index), _) => index,
            (None, false) if !self.corners.is_empty() => self.corners.len() - 1,
            _ => return,
        };
        self.corners.remove(index);
        self.selected = None;
        self.changed();
    }

    pub fn can_delete(&self) -> bool {
        self.selected.is_some() || (!self.closed && !self.corners.is_empty())
    }

    /// Finishes drawing: the ring closes, once it has three corners.
    pub fn finish(&mut self) {
        if self.corners.len() >= 3 {
            self.closed = true;
        }
    }

    /// Core's problem with the corners, once there is something to say: while a new
    /// outline is still being drawn, too few corners is not yet a problem.
    pub fn problem(&self) -> Option<&OutlineProblem> {
        let drawing_short = !self.closed && self.corners.len() < 3;
        self.checked.as_ref().err().filter(|_| !drawing_short)
    }

    /// The checked shape, once the outline is finished and valid: what is saved.
    pub fn shape(&self) -> Option<&Shape> {
        self.checked.as_ref().ok().filter(|_| self.closed)
    }

    /// The area in 亩 as core measures it, whenever the corners make a valid outline.
    pub fn area(&self) -> Option<Mu> {
        self.checked.as_ref().ok().map(|shape| shape.area().to_mu())
    }

    /// What the map shows.
    pub fn shown(&self) -> OutlineShown {
        OutlineShown {
            corners: self.corners.clone(),
            selected: self.selected,
            closed: self.closed,
            crossing: self.problem().and_then(|problem| problem.at),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const D: f64 = 0.001;

    fn tap(lon: f64, lat: f64) -> OutlineEvent {
        OutlineEvent::Tap { lon, lat }
    }

    /// A new outline with the corners of a 0.001° square tapped in order.
    fn drawn() -> OutlineDraft {
        let mut draft = OutlineDraft::new_parcel(1);
        for (lon, lat) in [(114.4, 30.5), (114.4 + D, 30.5), (114.4 + D, 30.5 + D), (114.4, 30.5 + D)] {
            draft.apply(tap(lon, lat));
        }
        draft
    }

    #[test]
    fn taps_add_corners_until_finished_and_the_area_is_live() {
        let mut draft = OutlineDraft::new_parcel(1);
        draft.apply(tap(114.4, 30.5));
        draft.apply(tap(114.4 + D, 30.5));
        assert_eq!(draft.problem(), None, "too few corners is no problem while drawing");
        assert_eq!(draft.area(), None);
        draft.apply(tap(114.4 + D, 30.5 + D));
        let triangle = draft.area().unwrap().0;
        draft.apply(tap(114.4, 30.5 + D));
        let square = draft.area().unwrap().0;
        assert!((square / triangle - 2.0).abs() < 1e-6, "{square} {triangle}");
        // 0.001° by 0.001° at 30.5° N: about 96 m × 111 m, some 16 亩.
        assert!((square - 16.0).abs() < 0.5, "{square}");
        assert_eq!(draft.shape(), None, "not finished yet");
        draft.finish();
        assert!(draft.shape().is_some());
        draft.apply(tap(115.0, 31.0));
        assert_eq!(draft.corners().len(), 4, "a finished outline takes no more taps");
    }

    #[test]
    fn a_crossing_outline_is_refused_in_words_and_on_the_map() {
        let mut draft = OutlineDraft::new_parcel(1);
        for (lon, lat) in [(114.4, 30.5), (114.4 + D, 30.5 + D), (114.4 + D, 30.5), (114.4, 30.5 + D)] {
            draft.apply(tap(lon, lat));
        }
        draft.finish();
        let problem = draft.problem().unwrap();
        assert!(problem.message.en.contains("crosses itself"), "{}", problem.message.en);
        assert_eq!(draft.shape(), None);
        let (lon, lat) = draft.shown().crossing.unwrap();
        assert!((lon - (114.4 + D / 2.0)).abs() < 1e-9 && (lat - (30.5 + D / 2.0)).abs() < 1e-9);
        // Dragging a corner back untangles it.
        draft.apply(OutlineEvent::Drag { corner: 1, lon: 114.4 + D, lat: 30.5 });
        draft.apply(OutlineEvent::Drag { corner: 2, lon: 114.4 + D, lat: 30.5 + D });
        assert_eq!(draft.problem(), None);
        assert!(draft.shape().is_some());
    }

    #[test]
    fn finishing_needs_three_corners_and_says_so() {
        let mut draft = OutlineDraft::new_parcel(1);
        draft.apply(tap(114.4, 30.5));
        draft.finish();
        assert!(!draft.closed());
        draft.delete_corner();
        assert!(draft.corners().is_empty());
        assert!(!draft.can_delete());
    }

    #[test]
    fn a_side_takes_a_new_corner_in_its_middle_and_a_selected_corner_is_deleted() {
        let mut draft = drawn();
        draft.finish();
        draft.apply(OutlineEvent::Midpoint(3));
        assert_eq!(draft.corners().len(), 5);
        assert_eq!(draft.selected(), Some(4));
        let (lon, lat) = draft.corners()[4];
        assert!(lon == 114.4 && (lat - (30.5 + D / 2.0)).abs() < 1e-12, "{lat}");
        draft.apply(OutlineEvent::Corner(4));
        assert_eq!(draft.selected(), None, "tapped again, unselected");
        draft.apply(OutlineEvent::Corner(0));
        draft.delete_corner();
        assert_eq!(draft.corners()[0], (114.4 + D, 30.5));
        assert_eq!(draft.selected(), None);
        assert!(draft.shape().is_some(), "four corners left");
        draft.apply(OutlineEvent::Corner(0));
        draft.delete_corner();
        draft.apply(OutlineEvent::Corner(0));
        draft.delete_corner();
        assert!(draft.problem().unwrap().message.zh.contains("至少需要 3 个"));
    }

    #[test]
    fn while_drawing_delete_takes_back_the_last_tap_and_out_of_range_events_do_nothing() {
        let mut draft = drawn();
        draft.delete_corner();
        assert_eq!(draft.corners().len(), 3);
        let before = draft.clone();
        draft.apply(OutlineEvent::Corner(7));
        draft.apply(OutlineEvent::Drag { corner: 9, lon: 0.0, lat: 0.0 });
        draft.apply(OutlineEvent::Midpoint(1));
        assert_eq!(draft, before, "a side takes a corner only once finished");
    }

    #[test]
    fn reshaping_starts_closed_from_the_stored_ring() {
        let ring = [[114.4, 30.5], [114.4 + D, 30.5], [114.4 + D, 30.5 + D], [114.4, 30.5]];
        let draft = OutlineDraft::reshape(12, &ring);
        assert_eq!(draft.purpose, OutlineFor::Parcel { id: 12 });
        assert_eq!(draft.corners().len(), 3);
        assert!(draft.closed() && draft.shape().is_some());
        assert_eq!(draft.shown().corners.len(), 3);
    }
}
