//! The outbox's and the offline replica's own interface text, kept out of the public bundle.

use leptos::prelude::*;

use crate::i18n::use_localized;

crate::texts! {
    /// The strings of the outbox page, its badge and the offline notes.
    OfflineTexts, OFFLINE_ZH, OFFLINE_EN;
    heading: "待发送" / "Outbox",
    intro: "在本机完成的修改先保存在这里，联网后自动发送；重复发送不会重复提交。" / "Changes made on this device are kept here and sent once online; sending one again never files it twice.",
    empty_heading: "没有待发送的内容" / "Nothing waiting to be sent",
    empty_body: "离线时提交的诉求、评价和年度数据会先保存在这里。" / "Requests, ratings and yearly figures made offline are kept here until sent.",
    send_now: "立即发送" / "Send now",
    sending_now: "正在发送…" / "Sending…",
    offline_hint: "当前离线，联网后自动发送。" / "Offline: everything is sent once the connection returns.",
    state_waiting: "等待发送" / "Waiting",
    state_sending: "正在发送" / "Sending",
    state_sent: "已发送" / "Sent",
    state_needs_attention: "需要处理" / "Needs attention",
    created_at: "保存于" / "Saved",
    reference: "编号" / "Reference",
    due: "{kind}期限：{at}" / "To be {kind} by {at}",
    problem: "服务器退回：" / "The server refused it: ",
    conflict: "该记录已被他人修改，请打开核对后重新发送。" / "Someone changed this record meanwhile: open it, check it, then send again.",
    edit: "修改" / "Edit",
    discard: "删除" / "Discard",
    discard_confirm: "删除后这项修改不会发送，也无法恢复。确定删除？" / "Discarded, this change is never sent and cannot be recovered. Discard it?",
    clear: "移除" / "Clear",
    unsent_badge: "{count} 项待发送" / "{count} waiting to be sent",
    storage_refused: "浏览器未授予持久存储：存储空间紧张时，浏览器可能清除尚未发送的内容。请尽快联网发送。" / "The browser did not grant persistent storage: under storage pressure it may clear items not yet sent. Send them as soon as you can.",
    summary_action: "诉求 #{id}：{state}" / "Request #{id}: {state}",
    summary_figures: "{year} 年度数据" / "{year} yearly figures",
    summary_parcel: "地块 {code}" / "Parcel {code}",
    summary_import: "导入 {count} 宗地块到园区 #{park}" / "Import {count} parcels into park #{park}",
    photos: "{count} 张照片" / "{count} photo(s)",
}

/// The offline texts of the current language, tracked.
pub fn use_offline_texts() -> Signal<&'static OfflineTexts> {
    use_localized(&OFFLINE_ZH, &OFFLINE_EN)
}
