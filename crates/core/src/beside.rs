//! A struct's own fields read beside a struct of figures it holds, in one flat JSON object.
//!
//! serde's `#[serde(flatten)]` would do this, but it buffers the object first: unknown
//! fields then pass silently (it ignores `deny_unknown_fields`), and an error in a figure
//! loses the field's path, which the batch commands print as the column to fix. Here the
//! outer struct takes its own keys as they stream past and hands every other key to the
//! inner struct's derived `Deserialize`, whose `deny_unknown_fields` refuses what neither knows.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{DeserializeSeed, IntoDeserializer, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

/// The outer struct's own fields, collected while the inner struct is read.
pub(crate) trait OwnFields<'de>: Default {
    /// Reads the value of `key` if it is one of the outer struct's own fields; false if it is not.
    fn read<A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error>;
}

/// Reads one object as the own fields `O` and the inner struct `T`.
pub(crate) fn deserialize<'de, D, O, T>(deserializer: D) -> Result<(O, T), D::Error>
where
    D: Deserializer<'de>,
    O: OwnFields<'de>,
    T: Deserialize<'de>,
{
    deserializer.deserialize_map(BesideVisitor(PhantomData))
}

struct BesideVisitor<O, T>(PhantomData<(O, T)>);

impl<'de, O: OwnFields<'de>, T: Deserialize<'de>> Visitor<'de> for BesideVisitor<O, T> {
    type Value = (O, T);

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(O, T), A::Error> {
        let mut own = O::default();
        let inner = T::deserialize(MapAccessDeserializer::new(InnerKeys { map, own: &mut own }))?;
        Ok((own, inner))
    }
}

/// The object's entries as the inner struct sees them: its own keys taken out.
struct InnerKeys<'a, A, O> {
    map: A,
    own: &'a mut O,
}

impl<'de, A: MapAccess<'de>, O: OwnFields<'de>> MapAccess<'de> for InnerKeys<'_, A, O> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        while let Some(key) = self.map.next_key::<String>()? {
            if !self.own.read(&key, &mut self.map)? {
                return seed.deserialize(IntoDeserializer::<A::Error>::into_deserializer(key)).map(Some);
            }
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.map.next_value_seed(seed)
    }
}
