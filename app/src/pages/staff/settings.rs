//! The commission's settings in the editor: criteria, premoderation and the votes that select.

use super::*;

/// The criteria the commission scores ideas on: one row per criterion and two empty rows to add more (up to
/// eight); clearing a row removes it. Read-only once scoring has started.
#[component]
pub(super) fn CriteriaForm(
    project_id: i64,
    criteria: Vec<Criterion>,
    locked: bool,
) -> impl IntoView {
    let t = use_texts();
    let save = ServerAction::<SetCriteria>::new();
    let outcome = outcome_of(move || save.value().get());
    refresh_after(outcome);
    let message = field_messages(outcome);
    let rows = (criteria.len() + 2).min(8);
    let field = move |n: usize, lang: &str, label: &'static str, value: String| {
        let id = format!("criterion-{n}-{lang}");
        view! {
            <div class="field">
                <label for=id.clone()>{t.criterion} " " {n + 1} ": " {label}</label>
                <input id=id name=format!("{lang}[{n}]") value=value maxlength="120"
                    aria-describedby="criteria-error"/>
            </div>
        }
    };
    view! {
        <section class="panel" aria-labelledby="criteria-edit">
            <h2 id="criteria-edit">{t.criteria_title}</h2>
            <p class="hint">{if locked { t.criteria_locked_hint } else { t.criteria_hint }}</p>
            <ActionForm action=save attr:class="criteria-form">
                <input type="hidden" name="project_id" value=project_id/>
                <fieldset disabled=locked>
                    <legend class="visually-hidden">{t.criteria_title}</legend>
                    {(0..rows).map(|n| {
                        let c = criteria.get(n);
                        let ru = c.map(|c| c.title.ru.clone()).unwrap_or_default();
                        let en = c.map(|c| c.title.en.clone()).unwrap_or_default();
                        view! {
                            <div class="two">
                                {field(n, "ru", t.field_title_ru, ru)}
                                {field(n, "en", t.field_title_en, en)}
                            </div>
                        }
                    }).collect_view()}
                    <p class="field-error" id="criteria-error" role="alert">{move || message("criteria").get()}</p>
                    <p class="form-error" role="alert">{general_message(outcome)}</p>
                    <button type="submit">{t.save}</button>
                </fieldset>
            </ActionForm>
        </section>
    }
}

/// Whether new ideas wait for a moderator before they are public.
#[component]
pub(super) fn PremoderationForm(project_id: i64, on: bool) -> impl IntoView {
    let t = use_texts();
    let save = ServerAction::<SetPremoderation>::new();
    let outcome = outcome_of(move || save.value().get());
    refresh_after(outcome);
    view! {
        <section class="panel" aria-labelledby="premoderation-edit">
            <h2 id="premoderation-edit">{t.premoderation_title}</h2>
            <ActionForm action=save attr:class="premoderation-form">
                <input type="hidden" name="project_id" value=project_id/>
                <label class="tick">
                    <input type="checkbox" name="premoderation" value="on" checked=on/>
                    " " {t.premoderation_label}
                </label>
                <p class="hint">{t.premoderation_hint}</p>
                <p class="form-error" role="alert">{general_message(outcome)}</p>
                <button type="submit">{t.save}</button>
            </ActionForm>
        </section>
    }
}

/// How many votes select an idea: blank for a majority of the members who may vote on it. Read-only once
/// the final vote has started.
#[component]
pub(super) fn QuorumForm(project_id: i64, quorum: Option<i32>, locked: bool) -> impl IntoView {
    let t = use_texts();
    let save = ServerAction::<SetQuorum>::new();
    let outcome = outcome_of(move || save.value().get());
    refresh_after(outcome);
    let message = field_messages(outcome);
    view! {
        <section class="panel" aria-labelledby="quorum-edit">
            <h2 id="quorum-edit">{t.quorum_title}</h2>
            <p class="hint">{if locked { t.quorum_locked_hint } else { t.quorum_hint }}</p>
            <ActionForm action=save attr:class="quorum-form">
                <input type="hidden" name="project_id" value=project_id/>
                <fieldset disabled=locked>
                    <legend class="visually-hidden">{t.quorum_title}</legend>
                    <Field name="quorum" label=t.quorum_label message=message("quorum") kind="number"
                        id="field-quorum" value=quorum.map(|q| q.to_string()).unwrap_or_default()/>
                    <p class="form-error" role="alert">{general_message(outcome)}</p>
                    <button type="submit">{t.save}</button>
                </fieldset>
            </ActionForm>
        </section>
    }
}
