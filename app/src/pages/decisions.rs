//! `/projects/:slug/decisions`: a project's public decision trail — every decision about its ideas, who
//! took it (commission members by name, moderators by role), the reason and its link in the hash chain.

use crate::api::results::get_decisions;
use crate::components::{ErrorBox, Loading};
use crate::i18n::{Texts, use_lang, use_texts};
use crate::time::date_time;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use wire::Role;

/// The name of a decision kind.
fn decision_name(t: &'static Texts, kind: &str) -> &'static str {
    match kind {
        "idea_published" => t.decision_published,
        "idea_rejected" => t.decision_rejected,
        "idea_edited" => t.decision_edited,
        "comment_hidden" => t.decision_comment_hidden,
        "idea_merged" => t.decision_merged,
        "merge_undone" => t.decision_merge_undone,
        "idea_shortlisted" => t.decision_shortlisted,
        "idea_selected" => t.decision_selected,
        "idea_not_selected" => t.decision_not_selected,
        _ => match wire::ImplChange::parse(kind) {
            Some(change) => crate::i18n::impl_change_name(t, change),
            None => t.decision_other,
        },
    }
}

/// Who decided, as the trail says it: "Мария Орлова, член комиссии" or "модератор".
fn decider(t: &'static Texts, role: Role, name: Option<String>) -> String {
    match (role, name) {
        (Role::Expert, Some(name)) => format!("{name}, {}", t.by_commission_member),
        (Role::Expert, None) => t.by_commission_member.to_owned(),
        (Role::Admin, _) => t.by_admin.to_owned(),
        (Role::Staff, _) => t.by_staff.to_owned(),
        _ => t.by_moderator.to_owned(),
    }
}

/// `/projects/:slug/decisions`: every decision about the project's ideas, with its reason and its link
/// in the hash chain.
#[component]
pub fn DecisionsPage() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let params = use_params_map();
    let data = Resource::new(
        move || params.read().get("slug").unwrap_or_default(),
        get_decisions,
    );
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => {
                        let title = d.title.get(lang).to_owned();
                        view! {
                            <Title text=format!("{} — {title}", t.decisions_title)/>
                            <p class="breadcrumb"><a href=format!("/projects/{}", d.slug)>{title}</a></p>
                            <h1>{t.decisions_title}</h1>
                            <p class="hint">{t.decisions_hint}</p>
                            {d.decisions.is_empty().then(|| view! { <p class="empty">{t.decisions_empty}</p> })}
                            <ol class="decisions">
                                {d.decisions.into_iter().map(|x| view! {
                                    <li id=format!("decision-{}", x.id)>
                                        <p>
                                            <strong>{decision_name(t, &x.kind)}</strong>
                                            {x.idea_id.map(|i| view! { " · " <a href=format!("/ideas/{i}")>{format!("#{i}")}</a> })}
                                            " · " <time datetime=x.at.to_rfc3339()>{date_time(lang, x.at)}</time>
                                            " · " <span class="decider">{decider(t, x.by_role, x.by_name.clone())}</span>
                                        </p>
                                        {x.into_idea.map(|into| {
                                            let words = if x.kind == "idea_merged" { t.decision_merged_into } else { t.decision_apart_from };
                                            view! { <p>{words} " " <a href=format!("/ideas/{into}")>{format!("#{into}")}</a></p> }
                                        })}
                                        {(!x.reason.is_empty()).then(|| view! { <p>{t.reason} ": " {x.reason.clone()}</p> })}
                                        <p class="hash"><code>{x.hash.chars().take(16).collect::<String>()}</code></p>
                                    </li>
                                }).collect_view()}
                            </ol>
                        }.into_any()
                    }
                    Err(crate::model::AppError::NotFound) => view! { <crate::pages::not_found::NotFound/> }.into_any(),
                    Err(error) => view! { <ErrorBox error/> }.into_any(),
                }
            })}
        </Transition>
    }
}
