//! The signed-in app's own interface text (the shell, signing in, the session), apart from
//! the public atlas's [`crate::i18n::Texts`] so that none of it reaches the public bundle.

use leptos::prelude::*;

use crate::i18n::use_localized;

crate::texts! {
    /// The strings of the signed-in app's frame and sign-in.
    ShellTexts, SHELL_ZH, SHELL_EN;
    app_section: "企业与工作台" / "Enterprises and officials",
    nav_enterprise: "我的企业" / "My enterprise",
    nav_requests: "企业诉求" / "Requests",
    nav_workspace: "工作台" / "Workspace",
    nav_desk: "办理台" / "Desk",
    nav_outbox: "待发送" / "Outbox",
    nav_atlas: "园区地图" / "Park map",
    sign_in: "登录" / "Sign in",
    sign_out: "退出登录" / "Sign out",
    sign_out_unsent: "还有 {count} 项未发送。退出后它们仍保存在本机，下次以同一账号登录时继续发送。确定退出？" / "{count} item(s) are not sent yet. They stay on this device and are sent when this account signs in again. Sign out?",
    signed_in_as: "当前用户" / "Signed in as",
    sign_in_heading: "登录园区一张图" / "Sign in to parkatlas",
    sign_in_intro: "企业用户查看本企业的评价与梯度、提交和跟踪诉求；园区与市级管理人员使用工作台。" / "Enterprise staff see their evaluation and tiers and file requests; park and city officials use the workspace.",
    username: "用户名" / "Username",
    password: "密码" / "Password",
    signing_in: "正在登录…" / "Signing in…",
    bad_credentials: "用户名或密码不正确。" / "The username or password is not right.",
    wait_seconds: "尝试次数过多，请在 {seconds} 秒后重试。" / "Too many attempts: try again in {seconds} s.",
    sign_in_offline: "当前没有网络连接，联网后才能登录。" / "There is no connection: signing in needs one.",
    demo_heading: "演示账号" / "Demo accounts",
    demo_intro: "本站运行演示数据。点选一个账号即可填入，密码均为" / "This site runs the demo data. Pick an account to fill it in; every password is",
    role_enterprise: "企业用户" / "Enterprise",
    role_officer: "园区管理人员" / "Park officer",
    role_admin: "市级管理员" / "City admin",
    session_lapsed_heading: "登录已过期" / "Your session has ended",
    session_lapsed_body: "请重新输入密码。当前页面和已填写的内容都会保留。" / "Enter your password again. This page and everything typed on it stay as they are.",
    checking_session: "正在确认登录状态…" / "Checking your session…",
    offline_banner: "离线：显示的是本机保存的数据，修改会在联网后发送。" / "Offline: showing what this device keeps; changes are sent once online.",
    not_yours_heading: "没有找到，或不属于您的企业" / "Not found, or not your enterprise's",
    not_yours_body: "这条记录不存在，或者您的账号无权查看。" / "This record does not exist, or your account may not see it.",
    back_home: "返回首页" / "Back to the start",
}

/// The shell texts of the current language, tracked.
pub fn use_shell_texts() -> Signal<&'static ShellTexts> {
    use_localized(&SHELL_ZH, &SHELL_EN)
}
