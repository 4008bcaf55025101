//! The profiles parkatlas ships (spec §1.3, §1.4): 黄岩 2022 and 2021, 淮安 2024, the
//! city ETDZ set and 临海, embedded from `crates/core/data/profiles/`.
//!
//! They are starting points: officials copy one and edit it. Values no source
//! confirmed are flagged in each profile's `unconfirmed` list and per benchmark.

use super::profile::Profile;

const SOURCES: [&str; 5] = [
    include_str!("../../data/profiles/huangyan-2022.json"),
    include_str!("../../data/profiles/huangyan-2021.json"),
    include_str!("../../data/profiles/huaian-2024.json"),
    include_str!("../../data/profiles/etdz.json"),
    include_str!("../../data/profiles/linhai.json"),
];

/// Every shipped profile, 黄岩 2022 first.
pub fn profiles() -> Vec<Profile> {
    SOURCES
        .iter()
        .map(|source| serde_json::from_str(source).expect("shipped profiles are valid JSON (checked by tests)"))
        .collect()
}

/// The shipped profile with this id, e.g. `huangyan-2022`.
pub fn profile(id: &str) -> Option<Profile> {
    profiles().into_iter().find(|profile| profile.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_profiles_ship_with_distinct_ids() {
        let ids: Vec<String> = profiles().into_iter().map(|p| p.id).collect();
        assert_eq!(ids, ["huangyan-2022", "huangyan-2021", "huaian-2024", "etdz", "linhai"]);
    }

    #[test]
    fn profiles_round_trip_through_json() {
        for profile in profiles() {
            let json = serde_json::to_string(&profile).unwrap();
            assert_eq!(serde_json::from_str::<Profile>(&json).unwrap(), profile);
        }
    }
}
