//! The three demo parks, one of each type, and the industries each one hosts: codes of
//! GB/T 4754-2017 that fit the park's leading industries, with what the generator needs
//! to make their enterprises plausible (energy use, technology intensity).

use parkatlas_core::wire::{ParkLevel, ParkType};

/// An industry a park hosts, with what the generator needs to make its enterprises plausible.
pub(crate) struct Industry {
    /// GB/T 4754-2017 class.
    pub code: &'static str,
    /// The trade word in enterprise names, e.g. 光电.
    pub trade: &'static str,
    pub products: [&'static str; 2],
    /// Relative share of the park's enterprises.
    pub weight: u32,
    /// Typical 综合能耗 per 万元 of revenue, 吨标煤.
    pub energy_tce_per_wan_yuan: f64,
    /// Technology intensity, 0 to 1: raises R&D, patents and the chance of tier titles.
    pub tech: f64,
}

const fn industry(
    code: &'static str,
    trade: &'static str,
    products: [&'static str; 2],
    weight: u32,
    energy_tce_per_wan_yuan: f64,
    tech: f64,
) -> Industry {
    Industry { code, trade, products, weight, energy_tce_per_wan_yuan, tech }
}

/// One park of the dataset: its layout, character and population.
pub(crate) struct ParkPlan {
    pub name: &'static str,
    pub name_en: &'static str,
    pub park_type: ParkType,
    pub level: ParkLevel,
    pub district: &'static str,
    pub code_prefix: &'static str,
    /// 行政区划 code used in its enterprises' credit codes.
    pub division_code: &'static str,
    /// South-west corner of the park, WGS-84 (longitude, latitude).
    pub origin: (f64, f64),
    pub columns: usize,
    pub rows: usize,
    /// How much of the north-east corner the boundary cuts off, in metres.
    pub corner_cut_m: f64,
    pub leading_industries: &'static [&'static str],
    pub industries: &'static [Industry],
    pub enterprises: usize,
    pub requests: usize,
}

pub(crate) const PLANS: [ParkPlan; 3] = [
    ParkPlan {
        name: "光谷星河智造园",
        name_en: "Guanggu Xinghe Smart Manufacturing Park",
        park_type: ParkType::Modern,
        level: ParkLevel::National,
        district: "东湖新技术开发区",
        code_prefix: "GX",
        division_code: "420100",
        origin: (114.505, 30.455),
        columns: 16,
        rows: 15,
        corner_cut_m: 1_100.0,
        leading_industries: &["光电子信息", "生物医药", "软件和信息服务"],
        industries: &[
            industry("C3976", "光电", ["光模块", "激光器芯片"], 30, 0.02, 0.9),
            industry("C3832", "光纤", ["光纤预制棒", "特种光纤"], 10, 0.05, 0.7),
            industry("C3974", "显示", ["柔性显示模组", "车载显示屏"], 8, 0.03, 0.7),
            industry("C3973", "微电子", ["存储芯片封测", "功率器件"], 8, 0.04, 0.9),
            industry("C2761", "生物", ["重组蛋白", "疫苗原液"], 12, 0.03, 0.8),
            industry("C2720", "药业", ["口服固体制剂", "注射剂"], 8, 0.04, 0.6),
            industry("C3581", "医疗器械", ["医用影像设备", "监护仪"], 8, 0.02, 0.8),
            industry("I6513", "软件", ["工业软件", "数据中台"], 10, 0.004, 0.9),
        ],
        enterprises: 130,
        requests: 86,
    },
    ParkPlan {
        name: "车谷云帆汽车零部件园",
        name_en: "Chegu Yunfan Auto Parts Park",
        park_type: ParkType::Specialty,
        level: ParkLevel::Provincial,
        district: "武汉经济技术开发区",
        code_prefix: "CY",
        division_code: "420113",
        origin: (114.125, 30.475),
        columns: 15,
        rows: 13,
        corner_cut_m: 850.0,
        leading_industries: &["汽车零部件", "新能源汽车", "智能网联汽车"],
        industries: &[
            industry("C3670", "汽车零部件", ["制动盘", "转向节"], 42, 0.06, 0.4),
            industry("C3612", "新能源汽车", ["电动物流车", "纯电动轻卡"], 4, 0.04, 0.6),
            industry("C3841", "电池", ["动力电池模组", "电池包壳体"], 10, 0.05, 0.6),
            industry("C3962", "智能车载", ["车载摄像头", "域控制器"], 10, 0.02, 0.9),
            industry("C3360", "表面处理", ["电镀件", "热处理件"], 8, 0.12, 0.2),
            industry("C2929", "塑胶", ["汽车内饰件", "保险杠"], 10, 0.08, 0.3),
            industry("C3451", "轴承", ["轮毂轴承", "精密轴承"], 8, 0.07, 0.5),
        ],
        enterprises: 110,
        requests: 74,
    },
    ParkPlan {
        name: "汉江湾都市工业园",
        name_en: "Hanjiang Bay Urban Industrial Park",
        park_type: ParkType::Urban,
        level: ParkLevel::Municipal,
        district: "硚口区",
        code_prefix: "HW",
        division_code: "420104",
        origin: (114.215, 30.585),
        columns: 11,
        rows: 10,
        corner_cut_m: 550.0,
        leading_industries: &["时尚服装", "食品加工", "数字创意"],
        industries: &[
            industry("C1810", "服饰", ["女装", "职业装"], 25, 0.01, 0.2),
            industry("C1431", "食品", ["热干面", "鲜湿面"], 15, 0.03, 0.2),
            industry("C1469", "调味品", ["卤料", "辣酱"], 10, 0.03, 0.2),
            industry("C2319", "印务", ["包装印刷品", "标签"], 12, 0.02, 0.3),
            industry("M7491", "设计", ["工业设计服务", "品牌设计"], 10, 0.003, 0.7),
            industry("I6513", "数字科技", ["数字内容平台", "动漫制作"], 10, 0.004, 0.8),
            industry("C2438", "珠宝", ["黄金饰品", "玉石工艺品"], 5, 0.01, 0.2),
        ],
        enterprises: 60,
        requests: 40,
    },
];
