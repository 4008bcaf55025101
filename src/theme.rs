//! The map palette: one colour per parcel status and park type, used both by the
//! canvas renderer and by the legend swatches so the two always agree.
//!
//! Colours were chosen for contrast on the plain background and on tiles, and so that
//! the "act on this" statuses (idle, unsupplied) stand out in warm tones.

use parkatlas_core::wire::{ParcelStatus, ParkType};

pub fn parcel_status_colour(status: ParcelStatus) -> &'static str {
    match status {
        ParcelStatus::Available => "#1a9c5b",
        ParcelStatus::Granted => "#3f7fd6",
        ParcelStatus::UnderConstruction => "#8a63d2",
        ParcelStatus::Producing => "#6b7f8e",
        ParcelStatus::Idle => "#d9480f",
        ParcelStatus::Unsupplied => "#e8a317",
    }
}

pub fn park_type_colour(park_type: ParkType) -> &'static str {
    match park_type {
        ParkType::Modern => "#0f5c4d",
        ParkType::Specialty => "#9c4f0a",
        ParkType::Urban => "#5b3a9e",
    }
}

/// The bars of the 亩均 classes A, B, C and D: green for "develop first" through red for
/// "restructure", warm tones again marking what needs acting on.
pub const EVALUATION_CLASS_COLOURS: [&str; 4] = ["#1a7f4b", "#3f7fd6", "#e8a317", "#d9480f"];
