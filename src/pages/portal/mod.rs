//! 我的企业: the enterprise portal's pages.

pub mod overview;
