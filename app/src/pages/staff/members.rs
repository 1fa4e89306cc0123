//! The commission members in the editor: names, positions, linked expert accounts, photos, order.

use super::*;

/// The "Preview" button of a member's form (`id`: changing them; `None`: adding one).
pub(super) fn member_preview(
    project_id: i64,
    member_id: Option<i64>,
) -> (
    NodeRef<leptos::html::Form>,
    impl IntoView,
    Outcome<ProjectData>,
) {
    let preview = ServerAction::<PreviewMember>::new();
    let previewed = outcome_of(move || preview.value().get());
    to_panel(previewed);
    let form = NodeRef::new();
    let button = preview_button(form, move |get| {
        preview.dispatch(PreviewMember {
            project_id,
            member_id,
            member: wire::MemberInput {
                name_ru: get("name_ru"),
                name_en: get("name_en"),
                position_ru: get("position_ru"),
                position_en: get("position_en"),
                expert_email: get("expert_email"),
            },
        });
    });
    (form, button, previewed)
}

/// A commission member's fields, empty or filled from `m`; ids are unique per member.
#[component]
pub(super) fn MemberFields(
    message: impl Fn(&'static str) -> Signal<Option<&'static str>> + Copy + Send + Sync + 'static,
    m: Option<wire::StaffMember>,
) -> impl IntoView {
    let t = use_texts();
    let key = m
        .as_ref()
        .map_or_else(|| "new".to_owned(), |m| m.id.to_string());
    let id = move |field: &str| format!("member-{key}-{field}");
    let (name, position, email) = m
        .map(|m| (m.name, m.position, m.expert_email.unwrap_or_default()))
        .unwrap_or_default();
    view! {
        <div class="two">
            <Field name="name_ru" label=t.field_name_ru message=message("name_ru") id=id("name-ru") value=name.ru/>
            <Field name="name_en" label=t.field_name_en message=message("name_en") id=id("name-en") value=name.en/>
        </div>
        <div class="two">
            <Field name="position_ru" label=t.field_position_ru message=message("position_ru") id=id("position-ru")
                value=position.ru/>
            <Field name="position_en" label=t.field_position_en message=message("position_en") id=id("position-en")
                value=position.en/>
        </div>
        <Field name="expert_email" label=t.field_expert_email kind="email" message=message("expert_email")
            id=id("email") value=email/>
    }
}

/// One member in the editor: order, removal, and (folded) editing in place and the photo.
#[component]
pub(super) fn MemberRow(m: wire::StaffMember, project_id: i64) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let address = use_address();
    let id = m.id;
    let remove = ServerAction::<RemoveMember>::new();
    refresh_after(outcome_of(move || remove.value().get()));
    let moved = ServerAction::<MoveMember>::new();
    refresh_after(outcome_of(move || moved.value().get()));
    let drop_photo = ServerAction::<RemoveMemberPhoto>::new();
    refresh_after(outcome_of(move || drop_photo.value().get()));
    let update = ServerAction::<UpdateMember>::new();
    let outcome = outcome_of(move || update.value().get());
    refresh_after(outcome);
    let (form, preview, previewed) = member_preview(project_id, Some(id));
    let message = either_messages(outcome, previewed);
    // The photo upload answers with a redirect naming the member and the outcome.
    let mine = move || address("member") == Some(id.to_string());
    let photo_error = move || {
        mine()
            .then(|| address("photo_error"))
            .flatten()
            .map(|code| crate::i18n::error_text(t, "photo", &code))
    };
    let photo_saved = move || mine() && address("photo").is_some_and(|v| v == "saved");
    let file_id = format!("member-{id}-photo");
    let has_photo = m.photo.is_some();
    view! {
        <li id=format!("member-{id}")>
            {m.photo.clone().map(|src| view! { <img class="member-photo" src=src alt="" width="64" height="64"/> })}
            <strong>{m.name.get(lang).to_owned()}</strong> " — " {m.position.get(lang).to_owned()}
            {m.expert_email.clone().map(|email| view! { " (" {t.linked_account} ": " {email} ")" })}
            <div class="actions">
                {up_down!(moved, "member_id", id, t)}
                <ActionForm action=remove>
                    <input type="hidden" name="member_id" value=id/>
                    <button type="submit" class="secondary">{t.delete}</button>
                </ActionForm>
            </div>
            <details class="edit" open=mine>
                <summary>{t.edit}</summary>
                <ActionForm action=update node_ref=form>
                    <input type="hidden" name="member_id" value=id/>
                    <MemberFields message m=Some(m)/>
                    <div class="actions"><button type="submit">{t.save}</button> {preview}</div>
                </ActionForm>
                <form method="post" action=format!("/staff/members/{id}/photo") enctype="multipart/form-data">
                    <div class="field">
                        <label for=file_id.clone()>{t.field_photo}</label>
                        <input id=file_id.clone() name="photo" type="file" accept="image/png,image/jpeg,image/webp"
                            aria-describedby=format!("{file_id}-error")
                            aria-invalid=move || photo_error().is_some().to_string()/>
                        <p class="field-error" id=format!("{file_id}-error")>{photo_error}</p>
                    </div>
                    <Show when=photo_saved><p class="form-success" role="status">{t.photo_saved}</p></Show>
                    <button type="submit">{t.upload}</button>
                </form>
                {has_photo.then(|| view! {
                    <ActionForm action=drop_photo>
                        <input type="hidden" name="member_id" value=id/>
                        <button type="submit" class="secondary">{t.remove_photo}</button>
                    </ActionForm>
                })}
            </details>
        </li>
    }
}

#[component]
pub(super) fn AddMemberForm(project_id: i64) -> impl IntoView {
    let t = use_texts();
    let add = ServerAction::<AddMember>::new();
    let outcome = outcome_of(move || add.value().get());
    refresh_after(outcome);
    let (form, preview, previewed) = member_preview(project_id, None);
    reset_on_success(outcome, form);
    let message = either_messages(outcome, previewed);
    view! {
        <ActionForm action=add node_ref=form>
            <input type="hidden" name="project_id" value=project_id/>
            <MemberFields message m=None/>
            <div class="actions"><button type="submit">{t.add}</button> {preview}</div>
        </ActionForm>
    }
}
