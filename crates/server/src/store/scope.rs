//! The SQL condition that keeps a caller's rows: one translation of `auth::Scope` for
//! every query that lists scoped records.

use super::{placeholders, Value};
use crate::auth::Scope;

/// The columns that say where a row belongs.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Belonging {
    pub park: &'static str,
    /// `None` for tables of park-level records that no enterprise reads (inquiries).
    pub enterprise: Option<&'static str>,
}

/// A condition with its parameters, numbered from the `first` given to [`condition`].
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Condition {
    pub clause: String,
    pub values: Vec<Value>,
}

/// The rows of `scope` in a table with the columns `belonging`, or `None` when the scope
/// reaches none of them (the public, for every scoped table).
pub(crate) fn condition(scope: &Scope, belonging: Belonging, first: usize) -> Option<Condition> {
    match scope {
        Scope::Everything => Some(Condition { clause: "1 = 1".into(), values: Vec::new() }),
        Scope::Parks(parks) if parks.is_empty() => None,
        Scope::Parks(parks) => Some(Condition {
            clause: format!("{} IN ({})", belonging.park, placeholders(first, parks.len())),
            values: parks.iter().map(|park| Value::Int(*park)).collect(),
        }),
        Scope::Enterprise(enterprise_id) => belonging.enterprise.map(|column| Condition {
            clause: format!("{column} = ${first}"),
            values: vec![Value::Int(*enterprise_id)],
        }),
        Scope::Public => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const REQUESTS: Belonging = Belonging { park: "r.park_id", enterprise: Some("r.enterprise_id") };
    const INQUIRIES: Belonging = Belonging { park: "park_id", enterprise: None };

    #[test]
    fn each_scope_becomes_its_condition() {
        assert_eq!(condition(&Scope::Everything, REQUESTS, 1).unwrap().clause, "1 = 1");
        let parks = condition(&Scope::Parks(vec![1, 3]), REQUESTS, 2).unwrap();
        assert_eq!(parks.clause, "r.park_id IN ($2, $3)");
        assert_eq!(parks.values, vec![Value::Int(1), Value::Int(3)]);
        let firm = condition(&Scope::Enterprise(7), REQUESTS, 1).unwrap();
        assert_eq!((firm.clause.as_str(), firm.values), ("r.enterprise_id = $1", vec![Value::Int(7)]));
    }

    #[test]
    fn scopes_that_reach_nothing_have_no_condition() {
        assert_eq!(condition(&Scope::Public, REQUESTS, 1), None);
        assert_eq!(condition(&Scope::Parks(vec![]), REQUESTS, 1), None);
        assert_eq!(condition(&Scope::Enterprise(7), INQUIRIES, 1), None);
    }
}
