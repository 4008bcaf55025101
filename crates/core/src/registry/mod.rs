//! Chinese registry codes that identify an enterprise and its trade: the 统一社会信用代码
//! with its check character ([`CreditCode`]) and the GB/T 4754 industry code ([`IndustryCode`]).

mod credit_code;
mod industry;

pub use credit_code::{CreditCode, CreditCodeError};
pub use industry::{IndustryCode, IndustryCodeError};
