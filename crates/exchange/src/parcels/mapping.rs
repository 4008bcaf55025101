//! Which column of a survey file fills which parcel field. Survey files name their
//! columns in Chinese, in pinyin initials (DKBH = 地块编号) or in English, and carry
//! columns parkatlas has no field for (OBJECTID, Shape_Area, 备注): those are listed as
//! unmapped and ignored. Values people write (工业用地, M1, 已出让) become the API's
//! words where the meaning is unambiguous; the tables are [`LAND_USES`], [`STATUSES`]
//! and [`SUPPLY_MODES`].

use parkatlas_core::text::quoted;
use serde::{Deserialize, Serialize};

/// A parcel field a column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParcelField {
    Code,
    LandUse,
    Status,
    SupplyMode,
    /// A JSON object with the rest of the details, as `PUT /parcels/{id}` takes it.
    Details,
}

impl ParcelField {
    pub const ALL: [ParcelField; 5] =
        [ParcelField::Code, ParcelField::LandUse, ParcelField::Status, ParcelField::SupplyMode, ParcelField::Details];

    /// The field's name in the API's body.
    pub fn key(self) -> &'static str {
        match self {
            ParcelField::Code => "code",
            ParcelField::LandUse => "land_use",
            ParcelField::Status => "status",
            ParcelField::SupplyMode => "details.supply_mode",
            ParcelField::Details => "details",
        }
    }

    /// Column names that fill this field unless the user says otherwise, compared
    /// without case, spaces or underscores.
    fn usual_columns(self) -> &'static [&'static str] {
        match self {
            ParcelField::Code => &[
                "code",
                "parcelcode",
                "地块编号",
                "地块编码",
                "地块代码",
                "宗地编号",
                "宗地代码",
                "dkbh",
                "dkbm",
                "dkdm",
                "zdbh",
                "zddm",
            ],
            ParcelField::LandUse => &[
                "landuse",
                "用地性质",
                "用地类型",
                "土地用途",
                "规划用途",
                "地类名称",
                "ydxz",
                "ydlx",
                "tdyt",
                "ghyt",
                "dlmc",
            ],
            ParcelField::Status => {
                &["status", "状态", "地块状态", "土地状态", "供地状态", "zt", "dkzt", "tdzt", "gdzt"]
            }
            ParcelField::SupplyMode => &["supplymode", "供地方式", "供应方式", "出让方式", "gdfs", "gyfs", "crfs"],
            ParcelField::Details => &["details"],
        }
    }

    /// The API's word for `text` in this field, when the field has a vocabulary.
    pub fn translate(self, text: &str) -> Option<Result<&'static str, String>> {
        let table: &[(&str, &[&str])] = match self {
            ParcelField::LandUse => LAND_USES,
            ParcelField::Status => STATUSES,
            ParcelField::SupplyMode => SUPPLY_MODES,
            ParcelField::Code | ParcelField::Details => return None,
        };
        let wanted = squashed(text);
        let found = table
            .iter()
            .find(|(word, names)| squashed(word) == wanted || names.iter().any(|name| squashed(name) == wanted));
        Some(found.map(|(word, _)| *word).ok_or_else(|| {
            let words: Vec<String> =
                table.iter().map(|(word, names)| format!("{word} ({})", names.first().unwrap_or(word))).collect();
            format!("{} is not one of {}", quoted(text), words.join(", "))
        }))
    }
}

/// Land uses (GB/T 21010 and the planning codes of GB 50137): ambiguous classes such as
/// 工矿仓储用地 (industry, mining and storage together) are left out on purpose.
pub const LAND_USES: &[(&str, &[&str])] = &[
    (
        "industrial",
        &["工业用地", "工业", "一类工业用地", "二类工业用地", "三类工业用地", "M", "M1", "M2", "M3", "0601"],
    ),
    ("innovative_industrial", &["新型产业用地", "新型工业用地", "M0"]),
    ("warehousing", &["仓储用地", "物流仓储用地", "仓储", "W", "W1", "W2", "W3", "0508"]),
    ("commercial", &["商服用地", "商业服务业设施用地", "商业服务业用地", "商业用地", "B", "B1", "B2", "05"]),
    ("public", &["公共管理与公共服务用地", "公共管理与公共服务设施用地", "公共服务设施用地", "A", "08"]),
];

/// Parcel statuses.
pub const STATUSES: &[(&str, &[&str])] = &[
    ("available", &["待出让", "待供应", "可出让", "招商中"]),
    ("granted", &["已出让", "已供应", "已供地"]),
    ("under_construction", &["在建", "建设中", "已开工"]),
    ("producing", &["已投产", "投产", "生产中"]),
    ("idle", &["闲置", "闲置土地"]),
    ("unsupplied", &["批而未供", "已批未供"]),
];

/// Supply modes (供地方式).
pub const SUPPLY_MODES: &[(&str, &[&str])] = &[
    ("listing", &["挂牌出让", "挂牌"]),
    ("auction", &["拍卖出让", "拍卖"]),
    ("tender", &["招标出让", "招标"]),
    ("agreement", &["协议出让", "协议"]),
    ("lease_then_transfer", &["先租后让"]),
    ("flexible_term", &["弹性年期出让", "弹性年期"]),
    ("allocation", &["划拨"]),
];

/// Lower case without spaces, underscores or hyphens.
fn squashed(text: &str) -> String {
    text.trim().chars().filter(|c| !matches!(c, ' ' | '_' | '-')).flat_map(char::to_lowercase).collect()
}

/// For each column of a file, in file order, the field it fills, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnMapping {
    pub columns: Vec<(String, Option<ParcelField>)>,
}

impl ColumnMapping {
    /// The usual names mapped to their fields: the first column with a usual name of a
    /// field fills it, the rest are unmapped.
    pub fn default_for(columns: &[String]) -> ColumnMapping {
        let mut taken = Vec::new();
        let columns = columns
            .iter()
            .map(|column| {
                let name = squashed(column);
                let field = ParcelField::ALL
                    .into_iter()
                    .find(|field| !taken.contains(field) && field.usual_columns().contains(&name.as_str()));
                taken.extend(field);
                (column.clone(), field)
            })
            .collect();
        ColumnMapping { columns }
    }

    /// The column that fills `field`, if any.
    pub fn column_of(&self, field: ParcelField) -> Option<&str> {
        self.columns.iter().find(|(_, mapped)| *mapped == Some(field)).map(|(column, _)| column.as_str())
    }

    /// Makes `column` fill `field` (or nothing), taking the field from any other column.
    pub fn set(&mut self, column: &str, field: Option<ParcelField>) {
        for (name, mapped) in &mut self.columns {
            if name == column {
                *mapped = field;
            } else if field.is_some() && *mapped == field {
                *mapped = None;
            }
        }
    }

    /// The columns no field takes: ignored on import.
    pub fn unmapped(&self) -> impl Iterator<Item = &str> {
        self.columns.iter().filter(|(_, field)| field.is_none()).map(|(column, _)| column.as_str())
    }

    /// The required fields (code, land use, status) no column fills.
    pub fn missing(&self) -> Vec<ParcelField> {
        [ParcelField::Code, ParcelField::LandUse, ParcelField::Status]
            .into_iter()
            .filter(|field| self.column_of(*field).is_none())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(columns: &[&str]) -> Vec<String> {
        columns.iter().map(|column| column.to_string()).collect()
    }

    #[test]
    fn usual_names_are_mapped_and_the_rest_listed() {
        let mapping = ColumnMapping::default_for(&names(&["OBJECTID", "DKBH", "用地性质", "Shape_Area", "备注", "ZT"]));
        assert_eq!(mapping.column_of(ParcelField::Code), Some("DKBH"));
        assert_eq!(mapping.column_of(ParcelField::LandUse), Some("用地性质"));
        assert_eq!(mapping.column_of(ParcelField::Status), Some("ZT"));
        assert_eq!(mapping.unmapped().collect::<Vec<_>>(), ["OBJECTID", "Shape_Area", "备注"]);
        assert!(mapping.missing().is_empty());
    }

    #[test]
    fn a_field_is_filled_by_one_column_only() {
        let mut mapping = ColumnMapping::default_for(&names(&["地块编号", "DKBH", "土地用途"]));
        assert_eq!(mapping.column_of(ParcelField::Code), Some("地块编号"));
        assert_eq!(mapping.missing(), [ParcelField::Status]);
        mapping.set("DKBH", Some(ParcelField::Code));
        assert_eq!(mapping.column_of(ParcelField::Code), Some("DKBH"));
        assert_eq!(mapping.unmapped().collect::<Vec<_>>(), ["地块编号"]);
    }

    #[test]
    fn values_people_write_become_the_apis_words() {
        let land_use = |text| ParcelField::LandUse.translate(text).unwrap();
        assert_eq!(land_use("工业用地"), Ok("industrial"));
        assert_eq!(land_use("m1"), Ok("industrial"));
        assert_eq!(land_use("M0"), Ok("innovative_industrial"));
        assert_eq!(land_use("Innovative Industrial"), Ok("innovative_industrial"));
        assert!(land_use("工矿仓储用地")
            .unwrap_err()
            .starts_with("“工矿仓储用地” is not one of industrial (工业用地), innovative_industrial (新型产业用地)"));
        assert_eq!(ParcelField::Status.translate("批而未供").unwrap(), Ok("unsupplied"));
        assert_eq!(ParcelField::SupplyMode.translate("挂牌").unwrap(), Ok("listing"));
        assert_eq!(ParcelField::Code.translate("GX-1"), None);
    }
}
