//! The demo accounts, one or two per role, all with the password [`DEMO_PASSWORD`]; the
//! README lists them. They exist only in a database holding the demo dataset.

use parkatlas_core::wire::{DemoAccount, DemoAccounts, NewUser, Role};

use crate::store::{Begun, Outcome, Store};

pub const DEMO_PASSWORD: &str = "parkatlas-demo";

/// `(username, display name, role, enterprise, parks)`; enterprises and parks by id.
type Account = (&'static str, &'static str, Role, Option<i64>, &'static [i64]);

const ACCOUNTS: [Account; 5] = [
    ("admin", "市级管理员（演示）", Role::Admin, None, &[]),
    ("officer.guanggu", "光谷星河园区管理员（演示）", Role::Officer, None, &[1]),
    ("officer.chegu", "车谷云帆园区管理员（演示）", Role::Officer, None, &[2]),
    ("enterprise.a", "企业用户甲（演示）", Role::Enterprise, Some(1), &[]),
    ("enterprise.b", "企业用户乙（演示）", Role::Enterprise, Some(2), &[]),
];

/// The demo accounts as the sign-in page offers them.
pub fn offered() -> DemoAccounts {
    let accounts = ACCOUNTS
        .iter()
        .map(|&(username, display_name, role, ..)| DemoAccount {
            username: username.into(),
            display_name: display_name.into(),
            role,
        })
        .collect();
    DemoAccounts { password: Some(DEMO_PASSWORD.into()), accounts }
}

/// Creates the demo accounts for whichever of their enterprises exist.
pub async fn load(store: &Store) -> anyhow::Result<()> {
    let Begun::Fresh(mut write) = store.write(None).await? else { unreachable!("no operation id") };
    for (username, display_name, role, enterprise_id, park_ids) in ACCOUNTS {
        if let Some(id) = enterprise_id {
            if store.park_of_enterprise(id).await?.is_none() {
                continue;
            }
        }
        let user = NewUser {
            username: username.into(),
            display_name: display_name.into(),
            password: DEMO_PASSWORD.into(),
            role,
            enterprise_id,
            park_ids: park_ids.to_vec(),
        };
        let hash = crate::auth::password::hash(&user.password)?;
        store.add_user(&mut write, &user, &hash).await?;
    }
    write.finish(Outcome { status: 201, version: None, body: String::new() }).await?;
    Ok(())
}
