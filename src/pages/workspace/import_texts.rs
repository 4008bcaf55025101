//! The interface text of the officials' import and export page, Chinese first.

use leptos::prelude::*;

use crate::i18n::use_localized;

crate::texts! {
    /// The strings of the import page.
    ImportTexts, IMPORT_ZH, IMPORT_EN;
    heading: "导入与导出" / "Import and export",
    intro: "选择地块文件（GeoJSON，或 Shapefile 压缩包：.shp .shx .dbf .prj）或企业表（Excel .xlsx、CSV）。先预览，确认无误后再导入；有任何问题时一条也不保存。" / "Choose a parcel file (GeoJSON, or a zipped Shapefile: .shp .shx .dbf .prj) or an enterprise sheet (Excel .xlsx, CSV). Check the preview first; when anything is wrong, nothing is stored.",
    park: "园区" / "Park",
    park_choose: "请选择园区" / "Choose a park",
    loading_parks: "正在加载园区…" / "Loading the parks…",
    file: "文件" / "File",
    file_hint: "GeoJSON、Shapefile 压缩包（CGCS2000 或 3 度带高斯投影，属性 UTF-8 或 GBK）、Excel 或 CSV" / "GeoJSON, zipped Shapefile (CGCS2000 or its 3-degree Gauss–Krüger zones, attributes in UTF-8 or GBK), Excel or CSV",
    reading: "正在读取文件…" / "Reading the file…",
    refused: "无法读取“{file}”：" / "“{file}” cannot be read: ",
    read_as: "{format}，坐标系 EPSG:{epsg}，已转换为 WGS-84" / "{format}, coordinates in EPSG:{epsg}, converted to WGS-84",
    mapping_heading: "字段对应" / "Columns",
    mapping_intro: "为文件的每一列选择对应的地块字段；未对应的列不导入。" / "Choose the parcel field each column of the file fills; columns without one are not imported.",
    mapping_none: "不导入" / "Not imported",
    unmapped: "不导入的列：" / "Columns not imported: ",
    missing: "还没有列对应必填字段：{fields}" / "No column fills the required field(s): {fields}",
    field_code: "地块编号 (code)" / "Parcel code (code)",
    field_land_use: "用地性质 (land_use)" / "Land use (land_use)",
    field_status: "状态 (status)" / "Status (status)",
    field_supply_mode: "供地方式 (supply_mode)" / "Supply mode (supply_mode)",
    field_details: "其他信息 JSON (details)" / "Other details as JSON (details)",
    features_heading: "预览：{count} 宗地块" / "Preview: {count} parcels",
    rows_heading: "预览：{count} 家企业" / "Preview: {count} enterprises",
    number: "序号" / "No.",
    code: "地块编号" / "Code",
    land_use: "用地性质" / "Land use",
    status: "状态" / "Status",
    area: "面积" / "Area",
    problem: "问题" / "Problem",
    name: "企业名称" / "Name",
    credit_code: "统一社会信用代码" / "Credit code",
    problems_heading: "{count} 处问题，修改文件或字段对应后重新选择文件" / "{count} problem(s): fix the file or the columns, then choose it again",
    feature: "第 {number} 个地块" / "Feature {number}",
    row: "第 {number} 行" / "Row {number}",
    no_problems: "没有发现问题。" / "No problems found.",
    import: "导入 {count} 宗地块" / "Import {count} parcels",
    importing: "正在导入…" / "Importing…",
    imported: "已导入 {count} 宗地块。" / "{count} parcels imported.",
    queued: "已保存到待发送，联网后自动导入。" / "Saved to the outbox: imported as soon as there is a connection.",
    import_refused: "未导入，服务器指出：" / "Nothing was imported; the server says: ",
    enterprises_note: "企业表在此检查；导入请用命令 parkatlas import enterprises（同一套检查）。" / "Enterprise sheets are checked here; import them with parkatlas import enterprises (the same checks).",
    export_heading: "导出" / "Export",
    export_parcels: "下载本园区地块（GeoJSON）" / "Download this park's parcels (GeoJSON)",
}

/// The import texts of the current language, tracked.
pub fn use_import_texts() -> Signal<&'static ImportTexts> {
    use_localized(&IMPORT_ZH, &IMPORT_EN)
}
