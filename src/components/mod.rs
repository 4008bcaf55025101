//! Presentational components: they receive data and emit callbacks, never fetch.

pub mod header;
pub mod legend;
pub mod park_list;
pub mod states;
