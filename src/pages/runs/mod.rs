//! 亩均效益 runs for officials (`/app/workspace/evaluations`): the plain types behind the
//! page. [`ranking`] is the ranked table (sort, search, the window a phone draws).

pub mod ranking;
