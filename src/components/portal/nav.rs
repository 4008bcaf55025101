//! The portal's sections as tabs under the page heading: 概览, 年度数据, 亩均效益, 梯度培育.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::pages::portal::texts::{use_portal_texts, PortalTexts};

/// A tab: where it leads and its label.
type Tab = (String, fn(&PortalTexts) -> &'static str);

/// The sections, the current one marked for assistive technology as well as by its look.
/// `figures_year` is the year the 年度数据 tab opens.
#[component]
pub fn PortalNav(figures_year: i32) -> impl IntoView {
    let texts = use_portal_texts();
    let location = use_location();
    let tabs: [Tab; 4] = [
        ("/app/enterprise".into(), |t| t.nav_overview),
        (format!("/app/enterprise/figures/{figures_year}"), |t| t.nav_figures),
        ("/app/enterprise/efficiency".into(), |t| t.nav_efficiency),
        ("/app/enterprise/tiers".into(), |t| t.nav_tiers),
    ];
    let links = tabs
        .into_iter()
        .map(|(href, label)| {
            // The figures tab stays current whichever year is open.
            let section = href.rsplit_once("/figures/").map_or(href.clone(), |(start, _)| format!("{start}/figures/"));
            let current = move || {
                let path = location.pathname.get();
                let here = if section.ends_with('/') { path.starts_with(&section) } else { path == section };
                here.then_some("page")
            };
            view! { <a class="portal-nav__tab" href=href aria-current=current>{move || label(texts.get())}</a> }
        })
        .collect_view();
    view! { <nav class="portal-nav" aria-label=move || texts.get().nav_label>{links}</nav> }
}
