//! `/open-data`: what the platform publishes as open data and how to read it, served by the site in
//! both languages (the developer's version with every field is docs/api.md). With `?project=slug` the
//! examples point at that project's own files and endpoints.

use crate::i18n::use_texts;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The datasets of a project's export, with their columns.
const DATASETS: [(&str, &str); 4] = [
    (
        "ideas",
        "id, direction_id, title, body, status, status_reason, support_count, oppose_count, comment_count, created_at",
    ),
    ("votes", "idea_id, value, day"),
    (
        "decisions",
        "id, idea_id, kind, reason, created_at, prev_hash, hash",
    ),
    (
        "implementation",
        "idea_id, department, status, reason, percent, created_at, updated_at",
    ),
];

/// `/open-data`.
#[component]
pub fn OpenDataPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let slug = move || {
        query
            .read()
            .get("project")
            .filter(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
            .unwrap_or_else(|| "city-by-the-water".to_owned())
    };
    let rows = [
        ("ideas", t.od_ideas),
        ("votes", t.od_votes),
        ("decisions", t.od_decisions),
        ("implementation", t.od_implementation),
    ];
    view! {
        <Title text=t.od_title/>
        <article class="prose open-data">
            <h1>{t.od_title}</h1>
            <p>{t.od_intro}</p>
            <section aria-labelledby="od-files">
                <h2 id="od-files">{t.od_files_title}</h2>
                <p>{t.od_files_text}</p>
                <div class="table-scroll">
                    <table class="data">
                        <thead><tr><th scope="col">{t.od_dataset}</th><th scope="col">{t.od_rows}</th><th scope="col">{t.od_columns}</th><th scope="col">{t.od_download}</th></tr></thead>
                        <tbody>
                            {rows.into_iter().zip(DATASETS).map(|((name, what), (_, columns))| view! {
                                <tr>
                                    <th scope="row"><code>{name}</code></th>
                                    <td>{what}</td>
                                    <td><code>{columns}</code></td>
                                    <td>
                                        <a href=move || format!("/projects/{}/export/{name}.csv", slug()) rel="external">"CSV"</a> " · "
                                        <a href=move || format!("/projects/{}/export/{name}.json", slug()) rel="external">"JSON"</a>
                                    </td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <p class="hint">{t.od_csv_note}</p>
            </section>
            <section aria-labelledby="od-api">
                <h2 id="od-api">{t.od_api_title}</h2>
                <p>{t.od_api_text}</p>
                <dl class="endpoints">
                    <dt><a href="/api/v1/projects" rel="external"><code>"GET /api/v1/projects"</code></a></dt>
                    <dd>{t.od_api_projects}</dd>
                    <dt><a href=move || format!("/api/v1/projects/{}/ideas?limit=5", slug()) rel="external"><code>{move || format!("GET /api/v1/projects/{}/ideas", slug())}</code></a></dt>
                    <dd>{t.od_api_ideas}</dd>
                    <dt><a href=move || format!("/api/v1/projects/{}/results", slug()) rel="external"><code>{move || format!("GET /api/v1/projects/{}/results", slug())}</code></a></dt>
                    <dd>{t.od_api_results}</dd>
                    <dt><a href=move || format!("/api/v1/built?project={}", slug()) rel="external"><code>"GET /api/v1/built"</code></a></dt>
                    <dd>{t.od_api_built}</dd>
                </dl>
                <p>{t.od_api_errors}</p>
            </section>
            <p><a href=move || format!("/projects/{}/results", slug())>{t.results_title}</a></p>
        </article>
    }
}
