//! Commands that change a database from the shell: `parkatlas user add`.

pub mod user;
