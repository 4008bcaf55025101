//! Commands that change a database from the shell: `parkatlas user add`,
//! `parkatlas demo-data` and `parkatlas import`.

pub mod demo_data;
pub mod import;
pub mod user;
