//! Public and officials' pages whole on the server: the catalogue's filters, the results with figures and
//! charts, open data (streams, exports, the API's cursor), officials' pages refusing visitors and other
//! roles, a merged duplicate's address, failures on our side, plural forms.

use super::*;

#[tokio::test]
async fn the_catalogue_filters_and_searches_without_javascript() {
    let site = site().await;
    domain::seed::demo(&site.d, &|_| {}).await.unwrap();
    let page = site
        .get(
            "/projects?phase=&year=2020&q=%D0%BA%D1%83%D0%BB%D1%8C%D1%82%D1%83%D1%80%D0%B0",
            None,
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("Культура онлайн"),
        "search by a word of the title"
    );
    assert!(
        !page.body.contains("Электронные услуги Москвы"),
        "filtered out by the search"
    );
    let active = site.get("/projects?phase=active", None).await;
    assert!(active.body.contains("Город у воды") && !active.body.contains("Культура онлайн"));
    let project = site.get("/projects/city-by-the-water", None).await;
    assert!(project.body.contains("twitter:card") && project.body.contains("og:title"));
    // The demo's open window ends ten days minus two hours after loading.
    assert!(
        project
            .body
            .contains("До конца этапа «Приём идей»: 9 дн. 22 ч 0 мин"),
        "countdown"
    );
}

#[tokio::test]
async fn the_results_page_has_figures_charts_and_selected_ideas_without_javascript() {
    let site = site().await;
    let project = open_project(&site.d, "parks").await;
    let anna = resident_joined(&site).await;
    let direction = direction_id(&site).await;
    let mut ids = Vec::new();
    for title in ["Скамейки у пруда", "Фонтан в сквере"] {
        let reply = site
            .call("submit_idea", &idea_form(&direction, title), Some(&anna))
            .await;
        ids.push(
            serde_json::from_str::<wire::IdeaCard>(&reply.body)
                .unwrap()
                .id,
        );
    }
    let olga = user(&site.d, "olga", Role::Staff).await;
    let mut experts = Vec::new();
    for name in ["alla", "boris"] {
        experts.push(user(&site.d, name, Role::Expert).await);
        let member = domain::staff::MemberInput {
            name_ru: name.into(),
            name_en: name.into(),
            position_ru: "Эксперт".into(),
            position_en: "Expert".into(),
            expert_email: format!("{name}@example.org"),
        };
        domain::staff::add_member(&site.d, &olga, project, &member)
            .await
            .unwrap();
    }
    domain::commission::shortlist(&site.d, &experts[0], ids[0], "Высокие оценки")
        .await
        .unwrap();
    for expert in &experts {
        domain::commission::vote(
            &site.d,
            expert,
            ids[0],
            wire::FinalVerdict::Select,
            "Нужно жителям",
        )
        .await
        .unwrap();
    }
    let page = site.get("/projects/parks/results", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("class=\"hbars\"") && page.body.contains("class=\"column-bar\""),
        "both charts, drawn in HTML on the server"
    );
    // The per-day table names its days as readers do ("22 июня"), keeping the date for machines.
    let row = page
        .body
        .split("<th scope=\"row\"><time datetime=\"")
        .nth(1)
        .unwrap();
    let (iso, rest) = row.split_once("\">").unwrap();
    let label = rest.split("</time>").next().unwrap();
    assert!(
        chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d").is_ok(),
        "{iso}"
    );
    assert!(
        label.chars().any(char::is_alphabetic) && !label.contains('-'),
        "{label}"
    );
    // The anonymised votes are called votes, not scores (which are the experts').
    assert!(page.body.contains("Голоса «за» и «против» (без имён)"));
    assert!(
        page.body.contains("Скамейки у пруда")
            && page.body.contains("Нужно жителям / Нужно жителям")
    );
    assert!(
        !page.body.contains("Фонтан в сквере</a>"),
        "only selected ideas are listed"
    );
    assert!(
        page.body.contains("<dd>2</dd>") && page.body.contains("<dd>1</dd>"),
        "submitted 2, selected 1"
    );
    assert_eq!(
        site.get("/projects/nope/results", None).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn open_data_streams_exports_and_the_api_pages_by_cursor() {
    let site = site().await;
    open_project(&site.d, "parks").await;
    let anna = resident_joined(&site).await;
    let direction = direction_id(&site).await;
    for n in 0..3 {
        let title = format!("=Идея номер {n}, с запятой");
        site.call("submit_idea", &idea_form(&direction, &title), Some(&anna))
            .await;
    }
    let csv = site.get("/projects/parks/export/ideas.csv", None).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert_eq!(csv.headers[header::CONTENT_TYPE], "text/csv; charset=utf-8");
    let lines: Vec<&str> = csv.body.lines().collect();
    assert!(lines[0].starts_with("id,direction_id,title,body"));
    assert_eq!(lines.len(), 4);
    assert!(
        lines[1].contains("\"'=Идея номер 0, с запятой\""),
        "quoted, formula neutralised: {}",
        lines[1]
    );
    let json = site.get("/projects/parks/export/ideas.json", None).await;
    let parsed: Vec<serde_json::Value> = serde_json::from_str(&json.body).unwrap();
    assert_eq!(parsed.len(), 3);
    let votes = site.get("/projects/parks/export/votes.csv", None).await;
    assert_eq!(votes.body.lines().next(), Some("idea_id,value,day"));
    assert!(!votes.body.contains("anna"), "anonymised");
    assert_eq!(
        site.get("/projects/parks/export/users.csv", None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        site.get("/projects/nope/export/ideas.csv", None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    // Every answer reads back into the `wire` type the pages use: the API's shape is the code's.
    let projects = site.get("/api/v1/projects", None).await;
    let projects: wire::ApiProjects = serde_json::from_str(&projects.body).unwrap();
    assert_eq!(projects.projects[0].slug, "parks");
    let first = site.get("/api/v1/projects/parks/ideas?limit=2", None).await;
    let page: wire::FeedPage = serde_json::from_str(&first.body).unwrap();
    assert_eq!(page.items.len(), 2);
    let next = page.next.unwrap();
    let second = site
        .get(
            &format!("/api/v1/projects/parks/ideas?limit=2&after={next}"),
            None,
        )
        .await;
    let page: wire::FeedPage = serde_json::from_str(&second.body).unwrap();
    assert_eq!(page.items.len(), 1);
    assert!(page.next.is_none());
    let results = site.get("/api/v1/projects/parks/results", None).await;
    let results: wire::ResultsData = serde_json::from_str(&results.body).unwrap();
    assert_eq!(
        (results.submitted, results.card.slug.as_str()),
        (3, "parks")
    );
}

#[tokio::test]
async fn officials_pages_refuse_visitors_with_401_and_other_roles_with_403() {
    let site = site().await;
    user(&site.d, "anna", Role::Resident).await;
    user(&site.d, "mira", Role::Moderator).await;
    let anna = site.login("anna@example.org", "password-anna").await;
    let mira = site.login("mira@example.org", "password-mira").await;
    let ru = app::i18n::texts_of(app::i18n::Lang::Ru);
    let officials = [
        "/staff",
        "/staff/projects/1",
        "/moderation",
        "/moderation/templates",
        "/commission",
        "/commission/parks",
    ];
    for path in officials {
        let visitor = site.get(path, None).await;
        assert_eq!(visitor.status, StatusCode::UNAUTHORIZED, "{path}");
        assert!(header_of(&visitor, "www-authenticate").starts_with("Cookie "));
        assert!(visitor.body.contains(ru.refusal_login_title), "{path}");
        let back = format!("/login?next={path}");
        assert!(
            visitor.body.contains(&back),
            "{path}: a login link back here"
        );
        let resident = site.get(path, Some(&anna)).await;
        assert_eq!(resident.status, StatusCode::FORBIDDEN, "{path}");
        assert!(resident.body.contains(ru.refusal_role_title), "{path}");
        let main = &resident.body[resident.body.find("<main").unwrap()..];
        assert!(
            !main.contains(ru.staff_new) && !main.contains("<form"),
            "{path}: no workspace and no form of it behind the refusal"
        );
    }
    let moderator = site.get("/moderation", Some(&mira)).await;
    assert_eq!(moderator.status, StatusCode::OK);
    assert!(!moderator.body.contains(ru.refusal_role_title));
    let en = app::i18n::texts_of(app::i18n::Lang::En);
    let english = site.get("/staff", Some(&format!("{anna}; lang=en"))).await;
    assert!(english.body.contains(en.refusal_role_title));
    let english_visitor = site.get("/commission/parks", Some("lang=en")).await;
    assert_eq!(english_visitor.status, StatusCode::UNAUTHORIZED);
    assert!(english_visitor.body.contains(en.refusal_login_title));
    assert_eq!(
        site.get("/notifications", None).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        site.get("/notifications", Some(&anna)).await.status,
        StatusCode::OK
    );
    // Officials propose nothing: "my ideas" is a refusal for them, not a page with an error in it.
    let theirs = site.get("/my/ideas", Some(&mira)).await;
    assert_eq!(theirs.status, StatusCode::FORBIDDEN);
    assert!(theirs.body.contains(ru.refusal_role_title));
    assert_eq!(
        site.get("/my/ideas", Some(&anna)).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn officials_pages_are_whole_without_javascript() {
    let (site, project, anna, id) = a_commission().await;
    user(&site.d, "mira", Role::Moderator).await;
    let vera = register_and_confirm(&site, "vera@example.org").await;
    let joined = site.call("join", &[("slug", "parks")], Some(&vera)).await;
    assert_eq!(joined.status, StatusCode::OK, "{}", joined.body);
    let comment = [
        ("idea_id", id.as_str()),
        ("parent_id", ""),
        ("body", "Поддерживаю, у воды нужнее всего."),
    ];
    assert_eq!(
        site.call("comment", &comment, Some(&vera)).await.status,
        StatusCode::OK
    );
    let ru = app::i18n::texts_of(app::i18n::Lang::Ru);
    let mira = site.login("mira@example.org", "password-mira").await;
    let alla = site.login("alla@example.org", "password-alla").await;
    let olga = site.login("olga@example.org", "password-olga").await;
    let editor = format!("/staff/projects/{project}");
    // Each page's own content is in the HTML the server sends: its work can be done with scripts off.
    for (path, who, content) in [
        ("/moderation", &mira, "Скамейки у пруда"),
        (
            "/moderation",
            &mira,
            "action=\"/api/moderation/review_idea\"",
        ),
        (
            "/moderation/templates",
            &mira,
            "action=\"/api/moderation/add_template\"",
        ),
        ("/commission", &alla, "href=\"/commission/parks\""),
        ("/commission/parks", &alla, "Скамейки у пруда"),
        ("/staff", &olga, "action=\"/api/staff/create_project\""),
        (editor.as_str(), &olga, "action=\"/api/staff/add_stage\""),
        ("/my/ideas", &anna, "Скамейки у пруда"),
        ("/notifications", &anna, ru.notice_commented),
    ] {
        let page = site.get(path, Some(who)).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        let main = &page.body[page.body.find("<main").unwrap()..];
        assert!(main.contains(content), "{path}: {content}");
        assert!(!main.contains(ru.loading), "{path}: nothing left loading");
        assert!(
            page.body.contains("action=\"/api/logout\""),
            "{path}: the account menu"
        );
    }
    // A project created without JavaScript lands on its editor, which works the same way.
    let created = site
        .post_plain(
            "staff/create_project",
            &[
                ("slug", "clean-air"),
                ("title_ru", "Чистый воздух"),
                ("title_en", "Clean air"),
                ("summary_ru", "Идеи о чистом воздухе в городе"),
                ("summary_en", "Ideas for clean air in the city"),
                ("body_ru", "Предложите меры для чистого воздуха."),
                ("body_en", "Propose measures for clean air."),
            ],
            "/staff",
            Some(&olga),
        )
        .await;
    let editor = Site::see_other(&created);
    assert!(editor.starts_with("/staff/projects/"), "{editor}");
    let page = site.get(&editor, Some(&olga)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("Чистый воздух")
            && page.body.contains("action=\"/api/staff/add_stage\"")
    );
}

#[tokio::test]
async fn a_merged_duplicate_s_address_leads_to_the_idea_it_joined() {
    let site = site().await;
    open_project(&site.d, "parks").await;
    let mira = user(&site.d, "mira", Role::Moderator).await;
    let anna = domain::testing::resident(&site.d, "anna", "parks").await;
    let boris = domain::testing::resident(&site.d, "boris", "parks").await;
    let target = domain::testing::post(&site.d, &anna, "parks", "Скамейки у пруда").await;
    let duplicate = domain::testing::post(&site.d, &boris, "parks", "Лавочки у пруда").await;
    domain::comments::add(&site.d, &anna, duplicate.id, None, "Поставьте их в тени")
        .await
        .unwrap();
    domain::moderation::merge(&site.d, &mira, duplicate.id, target.id, "Та же идея")
        .await
        .unwrap();
    let page = |path: String| {
        let request = Request::get(path)
            .header(header::HOST, HOST)
            .header(header::ACCEPT, "text/html")
            .body(Body::empty())
            .unwrap();
        site.send(request)
    };
    let reply = page(format!("/ideas/{}", duplicate.id)).await;
    assert_eq!(reply.status, StatusCode::FOUND, "{}", reply.body);
    assert_eq!(
        header_of(&reply, "location"),
        format!("/ideas/{}", target.id)
    );
    // What was said on the duplicate is read on the idea it joined.
    let joined = page(format!("/ideas/{}", target.id)).await;
    assert_eq!(joined.status, StatusCode::OK);
    assert!(
        joined
            .body
            .contains("Обсуждение объединённой с этой идеи «Лавочки у пруда»")
            && joined.body.contains("Поставьте их в тени"),
        "{}",
        joined.body
    );
    // An idea that never existed is still a 404.
    assert_eq!(
        page("/ideas/999999".into()).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_failure_on_our_side_says_so_and_what_to_do_next_without_its_internals() {
    let site = site().await;
    open_project(&site.d, "parks").await;
    let anna = domain::testing::resident(&site.d, "anna", "parks").await;
    let idea = domain::testing::post(&site.d, &anna, "parks", "Скамейки у пруда").await;
    // The idea page reads its comments: without their table the database fails under it.
    use sea_orm::ConnectionTrait;
    site.d
        .db
        .execute_unprepared("ALTER TABLE comments RENAME TO comments_gone")
        .await
        .unwrap();
    let page = site.get(&format!("/ideas/{}", idea.id), None).await;
    let ru = app::i18n::texts_of(app::i18n::Lang::Ru);
    assert!(page.body.contains(ru.err_internal), "{}", page.body);
    assert!(
        ru.err_internal.contains("Обновите страницу"),
        "it says what to do"
    );
    let main = &page.body[page.body.find("<main").unwrap()..page.body.find("</main>").unwrap()];
    assert!(
        !main.contains("comments") && !main.contains("SQL") && !main.contains("table"),
        "no internals: {main}"
    );
}

#[tokio::test]
async fn counts_are_written_with_the_plural_form_their_number_asks_for() {
    let site = site().await;
    open_project(&site.d, "parks").await;
    let anna = domain::testing::resident(&site.d, "anna", "parks").await;
    for title in [
        "Скамейки у пруда",
        "Фонтан в сквере",
        "Велодорожка вдоль реки",
    ] {
        domain::testing::post(&site.d, &anna, "parks", title).await;
    }
    let ru = site.get("/projects/parks", None).await.body;
    for expected in [
        "3 идеи</span>",
        "1 участник</span>",
        "0 комментариев</span>",
    ] {
        assert!(ru.contains(expected), "{expected}");
    }
    let en = site.get("/projects/parks", Some("lang=en")).await.body;
    for expected in [
        "3 ideas</span>",
        "1 participant</span>",
        "0 comments</span>",
    ] {
        assert!(en.contains(expected), "{expected}");
    }
}
