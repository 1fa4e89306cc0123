//! Every user-visible string, in Russian (the default) and English.
//!
//! The [`texts!`] table defines one struct field per string and both languages' values side by side, so a
//! string missing in one language does not compile. Components take the table for the current language
//! with [`use_texts`]; validation codes from the server are turned into sentences by [`error_text`].

use leptos::prelude::*;

pub use wire::Lang;
use wire::{IdeaStatus, ImplChange, ImplStatus};

/// The string table of `lang`.
pub fn texts_of(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Ru => &RU,
        Lang::En => &EN,
    }
}

/// The name of an implementation's status.
pub fn impl_status_name(t: &'static Texts, status: ImplStatus) -> &'static str {
    match status {
        ImplStatus::Planned => t.impl_status_planned,
        ImplStatus::InProgress => t.impl_status_in_progress,
        ImplStatus::Done => t.impl_status_done,
        ImplStatus::Cancelled => t.impl_status_cancelled,
    }
}

/// The name of a change of an implementation (its trail entry and its followers' notice).
pub fn impl_change_name(t: &'static Texts, change: ImplChange) -> &'static str {
    match change {
        ImplChange::Planned => t.decision_impl_planned,
        ImplChange::InProgress => t.decision_impl_in_progress,
        ImplChange::Done => t.decision_impl_done,
        ImplChange::Cancelled => t.decision_impl_cancelled,
        ImplChange::Updated => t.decision_impl_updated,
        ImplChange::MilestoneAdded => t.decision_milestone_added,
        ImplChange::MilestoneReached => t.decision_milestone_reached,
        ImplChange::Reported => t.decision_progress_reported,
    }
}

/// The name of an idea's status.
pub fn status_name(t: &'static Texts, status: IdeaStatus) -> &'static str {
    match status {
        IdeaStatus::Submitted => t.status_submitted,
        IdeaStatus::Published => t.status_published,
        IdeaStatus::Rejected => t.status_rejected,
        IdeaStatus::Merged => t.status_merged,
        IdeaStatus::Shortlisted => t.status_shortlisted,
        IdeaStatus::Selected => t.status_selected,
        IdeaStatus::NotSelected => t.status_not_selected,
        IdeaStatus::Withdrawn => t.status_withdrawn,
    }
}

macro_rules! texts {
    ($($key:ident => $ru:literal, $en:literal;)*) => {
        /// The strings of one language; see the module documentation.
        #[allow(missing_docs)]
        pub struct Texts { $(pub $key: &'static str,)* }
        /// Russian strings.
        pub const RU: Texts = Texts { $($key: $ru,)* };
        /// English strings.
        pub const EN: Texts = Texts { $($key: $en,)* };
    };
}

texts! {
    site_name => "Город идей", "City of ideas";
    tagline => "Краудсорсинг-проекты города: предлагайте идеи, обсуждайте, следите за их судьбой.",
        "The city's crowdsourcing projects: propose ideas, discuss them, follow what becomes of them.";
    skip_to_content => "Перейти к содержанию", "Skip to content";
    nav_main => "Основная навигация", "Main navigation";
    nav_home => "Проекты", "Projects";
    nav_login => "Войти", "Log in";
    nav_register => "Регистрация", "Register";
    nav_logout => "Выйти", "Log out";
    nav_menu => "Меню", "Menu";
    switch_language => "English", "Русский";
    switch_language_label => "Switch to English", "Переключить на русский";
    totals_title => "Платформа в цифрах", "The platform in figures";
    totals_participants => "участников", "participants";
    totals_projects => "проектов", "projects";
    totals_ideas => "идей", "ideas";
    totals_selected => "идей отобрано", "ideas selected";
    section_active => "Идут сейчас", "Running now";
    section_upcoming => "Скоро", "Coming soon";
    section_finished => "Завершённые", "Finished";
    section_empty => "Пока нет проектов.", "No projects yet.";
    phase_active => "идёт", "running";
    phase_upcoming => "скоро", "upcoming";
    phase_finished => "завершён", "finished";
    project_dates => "Сроки проекта", "Project dates";
    participants_count => "участников", "participants";
    stages_title => "Этапы", "Stages";
    stage_current => "сейчас", "now";
    stage_announcement => "Анонс", "Announcement";
    stage_ideas => "Приём идей", "Idea submission";
    stage_discussion => "Обсуждение и оценка", "Discussion and rating";
    stage_review => "Экспертная оценка", "Expert review";
    stage_results => "Итоги", "Results";
    current_stage => "Текущий этап", "Current stage";
    no_current_stage => "Сейчас этапов нет", "No stage is running now";
    moscow_time => "Время московское", "Moscow time";
    directions_title => "Направления", "Directions";
    commission_title => "Экспертная комиссия", "Expert commission";
    take_part_title => "Участвовать", "Take part";
    login_to_take_part => "Войдите или зарегистрируйтесь, чтобы участвовать в проекте.",
        "Log in or register to take part in the project.";
    join_button => "Присоединиться к проекту", "Join the project";
    joined_note => "Вы участник проекта.", "You are taking part in this project.";
    residents_only => "Предлагать идеи могут жители; у вашей роли другие задачи.",
        "Ideas are proposed by residents; your role has other tasks.";
    ideas_closed => "Приём идей сейчас закрыт.", "Idea submission is closed now.";
    project_over => "Проект завершён.", "The project is over.";
    propose_title => "Предложить идею", "Propose an idea";
    field_direction => "Направление", "Direction";
    choose_direction => "Выберите направление", "Choose a direction";
    field_title => "Заголовок", "Title";
    field_body => "Описание идеи", "Description of the idea";
    characters => "символов", "characters";
    submit_idea => "Отправить идею", "Submit the idea";
    sending => "Отправляем…", "Sending…";
    idea_published => "Идея опубликована — она уже в ленте.", "Your idea is published: it is in the feed now.";
    idea_submitted => "Идея отправлена на модерацию.", "Your idea has been sent for moderation.";
    feed_title => "Идеи участников", "Participants' ideas";
    feed_empty => "Идей пока нет. Станьте первым!", "No ideas yet. Be the first!";
    show_more => "Показать ещё", "Show more";
    loading => "Загрузка…", "Loading…";
    live_on => "Лента обновляется сама", "The feed updates live";
    support => "За", "For";
    status_submitted => "Подана", "Submitted";
    status_published => "Опубликована", "Published";
    status_rejected => "Отклонена", "Rejected";
    status_merged => "Объединена с похожей", "Merged with a similar one";
    status_shortlisted => "В коротком списке", "Shortlisted";
    status_selected => "Отобрана для реализации", "Selected for implementation";
    status_not_selected => "Не отобрана", "Not selected";
    status_withdrawn => "Отозвана автором", "Withdrawn";
    timeline_title => "Судьба идеи", "What became of it";
    reason => "Причина", "Reason";
    rating_title => "Оценка идеи", "Rating";
    voting_closed_note => "Оценивать идеи сейчас нельзя: этап приёма и обсуждения идей закрыт.",
        "Ideas cannot be rated now: the submission and discussion stages are closed.";
    comments_title => "Комментарии", "Comments";
    merged_discussion => "Обсуждение объединённой с этой идеи «{}» (№ {})", "Discussion of “{}” (no. {}), merged into this idea";
    reply => "Ответить", "Reply";
    comments_closed_note => "Проект завершён, комментарии закрыты.", "The project is over; comments are closed.";
    login_to_comment => "Войдите, чтобы комментировать.", "Log in to comment.";
    field_comment => "Ваш комментарий", "Your comment";
    field_reply => "Ваш ответ", "Your reply";
    send_comment => "Отправить", "Send";
    report => "Пожаловаться", "Report";
    field_report_reason => "Что не так? Модераторы прочтут причину.", "What is wrong? Moderators will read the reason.";
    send_report => "Отправить жалобу", "Send the report";
    report_sent => "Спасибо, модераторы посмотрят.", "Thank you; the moderators will look into it.";
    err_comments_closed => "Проект завершён, комментарии закрыты.", "The project is over; comments are closed.";
    err_unknown_parent => "Комментарий, на который вы отвечаете, не найден.", "The comment you reply to was not found.";
    err_already_reported => "Вы уже пожаловались на это.", "You have already reported this.";
    similar_title => "Похожие идеи", "Similar ideas";
    nav_moderation => "Модерация", "Moderation";
    queue_merges => "Объединённые дубликаты", "Merged duplicates";
    merge_duplicate => "Объединить с похожей", "Merge into a similar idea";
    merge_target => "Номер идеи, в которую объединить", "Number of the idea to merge into";
    undo_merge => "Отменить объединение", "Undo the merge";
    with_coauthors => "и", "with";
    notice_merged => "Ваша идея объединена с похожей", "Your idea was merged with a similar one";
    notice_not_selected => "Комиссия не отобрала вашу идею", "The commission did not select your idea";
    notice_other => "Новости о вашей идее", "News about your idea";
    done_idea_sent => "Идея отправлена.", "Your idea is sent.";
    done_report_sent => "Жалоба отправлена модераторам.", "Your report is sent to the moderators.";
    done_comment_sent => "Комментарий отправлен.", "Your comment is sent.";
    done_vote => "Ваш голос учтён.", "Your vote is counted.";
    done_joined => "Вы присоединились к проекту.", "You have joined the project.";
    done_withdrawn => "Идея отозвана.", "Your idea is withdrawn.";
    done_logged_in => "Вы вошли.", "You are logged in.";
    done_logged_out => "Вы вышли.", "You are logged out.";
    done_saved => "Сохранено.", "Saved.";
    notice_merge_undone => "Ваша идея снова отдельная: объединение отменено", "Your idea stands on its own again: the merge was undone";
    err_same_idea => "Нельзя объединить идею с ней самой.", "An idea cannot be merged into itself.";
    err_other_project => "Идея из другого проекта.", "The idea belongs to another project.";
    results_title => "Итоги проекта", "Project results";
    open_data => "Открытые данные", "Open data";
    export_ideas => "Идеи", "Ideas";
    export_votes => "Голоса «за» и «против» (без имён)", "Support and opposition votes (anonymised)";
    export_decisions => "Решения", "Decisions";
    export_implementation => "Ход реализации", "Implementation";
    open_data_hint => "Те же данные отдаёт API только для чтения. Как читать файлы и API:",
        "The same data is served by a read-only API. How to read the files and the API:";
    od_title => "Открытые данные", "Open data";
    od_intro => "Всё, что жители видят на сайте, можно скачать и читать программами: идеи, голоса без имён, решения комиссии и ход реализации. Данные открыты без входа, только для чтения и только по опубликованным проектам; время указано в UTC.",
        "Everything residents see on the site can be downloaded and read by programs: ideas, anonymous votes, the commission's decisions and how the selected ideas are being built. The data is open without logging in, read-only, and covers published projects only; times are in UTC.";
    od_files_title => "Файлы проекта", "A project's files";
    od_files_text => "Каждый проект отдаёт четыре набора данных в CSV и JSON.", "Each project gives four datasets as CSV and JSON.";
    od_dataset => "Набор", "Dataset";
    od_rows => "Строки", "Rows";
    od_columns => "Столбцы", "Columns";
    od_download => "Скачать", "Download";
    od_ideas => "публичные идеи проекта (опубликованные, в коротком списке, отобранные и не отобранные)",
        "the project's public ideas (published, shortlisted, selected and not selected)";
    od_votes => "каждая поддержка (+1) и возражение (−1), обезличенно: без учётной записи, только день",
        "every support (+1) and objection (−1), anonymised: no account, only the day";
    od_decisions => "цепочка решений проекта с хешами: любую правку записи видно", "the project's decision trail with its hash chain: any altered entry shows";
    od_implementation => "как строятся отобранные идеи: ответственное ведомство, этап, процент готовности",
        "how the selected ideas are being built: the department in charge, the stage, percent done";
    od_csv_note => "CSV в UTF-8 по RFC 4180; ячейка, начинающаяся с =, +, - или @, предваряется апострофом, чтобы таблица показала её, а не выполнила.",
        "CSV is UTF-8 per RFC 4180; a cell starting with =, +, - or @ is prefixed with an apostrophe so that spreadsheets show it instead of running it.";
    od_api_title => "API для программ (v1)", "API for programs (v1)";
    od_api_text => "Ответы — JSON в тех же форматах, из которых собраны страницы сайта. Тексты на двух языках — объект {\"ru\", \"en\"}; статусы и этапы — их имена (published, active…).",
        "Answers are JSON in the same shapes the site's pages are made of. Texts in two languages are an object {\"ru\", \"en\"}; statuses and phases are their names (published, active…).";
    od_api_projects => "Все опубликованные проекты: сроки, этап, число идей, участников и отобранных.",
        "Every published project: dates, phase, numbers of ideas, participants and selected ideas.";
    od_api_ideas => "Лента идей проекта, страницами: limit (1–100), after (поле next прошлой страницы), direction, status, sort (newest, supported, discussed), q (слова поиска).",
        "A project's ideas, a page at a time: limit (1–100), after (the previous page's next), direction, status, sort (newest, supported, discussed), q (search words).";
    od_api_results => "Итоги проекта: числа, идеи по направлениям и по дням, отобранные идеи с причинами.",
        "A project's results: figures, ideas by direction and by day, the selected ideas with their reasons.";
    od_api_built => "Что построено: записи о реализации отобранных идей всех проектов, страницами: status (planned, in_progress, done, cancelled), project, department, after (поле next прошлой страницы).",
        "What was built: the implementation records of selected ideas across projects, a page at a time: status (planned, in_progress, done, cancelled), project, department, after (the previous page's next).";
    od_api_errors => "Неизвестный или неопубликованный проект — 404; неверные параметры — 400.",
        "An unknown or unpublished project answers 404; malformed parameters 400.";
    results_submitted => "Идей подано", "Ideas submitted";
    results_published => "Опубликовано", "Published";
    results_selected => "Отобрано", "Selected";
    results_selected_ideas => "Отобранные идеи", "Selected ideas";
    results_none_selected => "Комиссия ещё не отобрала идеи.", "The commission has not selected ideas yet.";
    chart_directions => "Идеи по направлениям: подано и отобрано", "Ideas by direction: submitted and selected";
    chart_days => "Идеи по дням", "Ideas per day";
    chart_data => "Данные графика", "The chart's data";
    day => "День", "Day";
    project_results_link => "Итоги", "Results";
    project_decisions_link => "Решения", "Decisions";
    commission_work => "Работа комиссии", "Commission work";
    no_commissions => "Вы не входите ни в одну комиссию.", "You are not on any commission.";
    board_live => "Панель обновляется сама у всех членов комиссии", "The dashboard updates live for every member";
    progress_title => "Ход оценки", "Progress";
    alpha_label => "Согласованность комиссии (альфа Криппендорфа)", "Commission agreement (Krippendorff's alpha)";
    expert_col => "Эксперт", "Expert";
    comment_col => "Комментарий", "Comment";
    score_comment => "Комментарий к оценке (необязательно)", "Comment on the scores (optional)";
    give_scores => "Оценить", "Score";
    update_scores => "Изменить оценку", "Change the scores";
    means_label => "Средние", "Means";
    agreement_label => "Согласованность по идее", "Agreement on the idea";
    blind_note => "Оценки коллег откроются, когда вы поставите свою.", "Your colleagues' scores appear once you have given yours.";
    stepped_aside => "Вы заявили конфликт интересов и не оцениваете эту идею.", "You declared a conflict of interest and do not judge this idea.";
    shortlist => "В короткий список", "Shortlist";
    votes_label => "Голоса", "Votes";
    vote_for => "за", "for";
    vote_against => "против", "against";
    votes_needed => "нужно для отбора:", "needed to select:";
    final_vote => "Итоговое голосование", "Final vote";
    vote_select => "Отобрать", "Select";
    vote_reject => "Не отбирать", "Do not select";
    cast_vote => "Проголосовать", "Vote";
    you_voted => "Ваш голос:", "Your vote:";
    declare_conflict => "Заявить конфликт интересов", "Declare a conflict of interest";
    err_score_range => "Нужна оценка от 1 до 5 по каждому критерию.", "Each criterion needs a score from 1 to 5.";
    criteria_title => "Критерии оценки", "Scoring criteria";
    criteria_hint => "Эксперты оценивают каждую идею от 1 до 5 по каждому критерию. Очистите строку, чтобы убрать критерий; после сохранения появятся новые пустые строки.",
        "Experts score each idea 1 to 5 on each criterion. Clear a row to remove a criterion; new empty rows appear after saving.";
    criteria_locked_hint => "Эксперты уже начали оценку: критерии не меняются, чтобы все идеи оценивались одинаково.",
        "Experts have started scoring: the criteria stay as they are so that every idea is judged alike.";
    criterion => "Критерий", "Criterion";
    premoderation_title => "Модерация идей", "Moderation of ideas";
    premoderation_label => "Публиковать идеи только после проверки модератором", "Publish ideas only after a moderator has checked them";
    premoderation_hint => "Иначе идеи появляются в ленте сразу, а модераторы проверяют их после.",
        "Otherwise ideas appear in the feed at once and moderators check them afterwards.";
    quorum_title => "Итоговое голосование комиссии", "The commission's final vote";
    quorum_hint => "Сколько голосов «за» нужно, чтобы отобрать идею. Пусто — большинство членов комиссии, которые могут голосовать по идее (без заявивших конфликт интересов).",
        "How many votes in favour are needed to select an idea. Blank: a majority of the members who may vote on it (those who declared a conflict of interest do not count).";
    quorum_locked_hint => "Голосование уже началось: число голосов не меняется.", "The vote has started: the number of votes stays as it is.";
    quorum_label => "Голосов для отбора", "Votes to select";
    err_quorum_range => "Целое число от 1 до 50 или пусто.", "A whole number from 1 to 50, or blank.";
    err_quorum_locked => "Голосование уже началось, число голосов менять нельзя.", "The vote has started; the number of votes cannot change.";
    err_commission_locked => "Голосование уже началось: состав комиссии менять нельзя.", "The vote has started; who sits on the commission cannot change.";
    err_already_member => "Этот эксперт уже в комиссии проекта.", "This expert already sits on the project's commission.";
    err_score_final => "Оценки коллег уже открыты вам, поэтому ваша оценка окончательна.", "Your colleagues' scores are open to you, so your score is final.";
    next_ideas => "Следующие идеи", "Next ideas";
    no_ideas_yet => "В этом направлении пока нет идей.", "No ideas in this direction yet.";
    spread_label => "Разброс (макс. − мин.)", "Spread (highest − lowest)";
    err_criteria_count => "Нужно от 1 до 8 критериев.", "Between 1 and 8 criteria are needed.";
    err_criteria_locked => "Оценка уже началась, критерии менять нельзя.", "Scoring has started; the criteria cannot change.";
    select_item => "Выбрать", "Select";
    select_all => "Выбрать все", "Select all";
    bulk_title => "Выбрано", "Selected";
    bulk_publish => "Опубликовать выбранные", "Publish the selected";
    bulk_reject => "Отклонить выбранные", "Reject the selected";
    bulk_keep => "Оставить выбранные", "Keep the selected";
    bulk_hide => "Скрыть выбранные", "Hide the selected";
    bulk_done => "Решено:", "Decided:";
    bulk_skipped => "уже решили другие модераторы:", "already decided by other moderators:";
    err_none_selected => "Отметьте хотя бы один пункт.", "Tick at least one item.";
    err_too_many_selected => "Не больше 100 пунктов за раз.", "At most 100 items at once.";
    templates_title => "Шаблоны причин", "Reason templates";
    templates_hint => "Шаблон подставляет текст причины на языке интерфейса модератора; перед отправкой его можно поправить.",
        "A template fills in the reason in the moderator's interface language; it can be adjusted before sending.";
    templates_empty => "Шаблонов пока нет.", "No templates yet.";
    template_text_ru => "Текст причины (рус.)", "Reason text (Russian)";
    template_text_en => "Текст причины (англ.)", "Reason text (English)";
    add_template => "Добавить шаблон", "Add a template";
    merge_search => "Найти идею: слова из неё или номер", "Find the idea: words from it or its number";
    merge_candidates => "Похожие идеи этого проекта", "Similar ideas of this project";
    merge_none => "Похожих идей не нашлось — введите номер идеи.", "No similar ideas found; type the idea's number.";
    choose_target => "Выбрать", "Choose";
    err_conflicted => "Вы заявили конфликт интересов по этой идее.", "You declared a conflict of interest on this idea.";
    err_not_shortlisted => "Идея не в коротком списке.", "The idea is not shortlisted.";
    err_already_voted => "Вы уже проголосовали.", "You have already voted.";
    err_already_decided => "Решение по идее уже принято.", "The idea has already been decided.";
    err_already_declared => "Конфликт уже заявлен.", "The conflict is already declared.";
    moderation_title => "Очередь модерации", "Moderation queue";
    queue_live => "Очередь обновляется сама у всех модераторов", "The queue updates live for every moderator";
    queue_ideas => "Идеи", "Ideas";
    queue_comments => "Комментарии", "Comments";
    queue_reports => "Жалобы", "Reports";
    queue_empty => "Пусто.", "Nothing here.";
    waiting => "ждёт", "waiting";
    unit_min => "мин", "min";
    unit_h => "ч", "h";
    unit_d => "дн.", "d";
    publish => "Опубликовать", "Publish";
    keep => "Оставить", "Keep";
    reject => "Отклонить", "Reject";
    hide => "Скрыть", "Hide";
    take_down => "Снять с публикации", "Take down";
    correct_typo => "Исправить опечатку", "Correct a typo";
    correction_note => "Что исправлено (увидит автор)", "What was corrected (the author will see it)";
    reason_templates => "Шаблон причины", "Reason template";
    reported_idea => "Жалоба на идею", "Report on an idea";
    reported_comment => "Жалоба на комментарий", "Report on a comment";
    close_report => "Закрыть жалобу", "Close the report";
    decisions_title => "Решения по проекту", "Decisions on the project";
    decisions_hint => "Каждое решение модераторов и комиссии с причиной. Записи связаны цепочкой хешей: изменение любой из них обнаруживается.",
        "Every decision of the moderators and the commission, with its reason. Entries are linked by a hash chain, so altering any of them is detected.";
    decisions_empty => "Решений пока нет.", "No decisions yet.";
    decision_published => "Идея опубликована", "Idea published";
    decision_rejected => "Идея отклонена", "Idea rejected";
    decision_edited => "Текст идеи исправлен модератором", "Idea corrected by a moderator";
    decision_comment_hidden => "Комментарий скрыт", "Comment hidden";
    decision_other => "Решение", "Decision";
    decision_merged => "Идея объединена с похожей", "Idea merged into a similar one";
    decision_merge_undone => "Объединение отменено", "Merge undone";
    decision_merged_into => "Объединена с идеей", "Merged into idea";
    decision_apart_from => "Снова отдельно от идеи", "On its own again, apart from idea";
    decision_shortlisted => "Идея в коротком списке", "Idea shortlisted";
    decision_selected => "Идея отобрана комиссией", "Idea selected by the commission";
    decision_not_selected => "Идея не отобрана комиссией", "Idea not selected by the commission";
    by_commission_member => "член комиссии", "commission member";
    by_moderator => "модератор", "moderator";
    by_admin => "администратор", "administrator";
    edited_by_moderator => "Исправлено модератором", "Edited by a moderator";
    status_edited => "Исправлена модератором", "Corrected by a moderator";
    err_already_moderated => "Другой модератор уже принял решение. Очередь обновлена.", "Another moderator has already decided. The queue is up to date.";
    own_idea_label => "Ваша идея", "Your idea";
    edit_idea => "Изменить идею", "Edit the idea";
    withdraw_idea => "Отозвать идею", "Withdraw the idea";
    withdraw_warning => "Идея исчезнет из ленты и поиска. Это нельзя отменить.",
        "The idea leaves the feed and the search. This cannot be undone.";
    withdraw_confirm => "Да, отозвать", "Yes, withdraw it";
    err_not_editable => "Идею уже нельзя изменить: её оценили, прокомментировали или рассмотрели.",
        "The idea can no longer change: it has been rated, commented on or reviewed.";
    sort_newest => "Сначала новые", "Newest first";
    sort_supported => "Больше поддержки", "Most supported";
    sort_discussed => "Больше обсуждают", "Most discussed";
    search_ideas => "Поиск по идеям", "Search the ideas";
    all_directions => "Все направления", "All directions";
    field_status => "Статус", "Status";
    all_statuses => "Все статусы", "All statuses";
    field_sort => "Порядок", "Order";
    apply_filter => "Показать", "Show";
    feed_nothing_found => "Ничего не нашлось. Попробуйте другие слова или фильтры.", "Nothing found. Try other words or filters.";
    similar_hint => "Возможно, такую идею уже предложили: поддержите её вместо новой.",
        "Someone may have proposed this already: support their idea instead of posting a new one.";
    open_idea => "Открыть", "Open";
    notifications_title => "Уведомления", "Notifications";
    nav_my_ideas => "Мои идеи", "My ideas";
    my_ideas_empty => "Вы ещё не предлагали идей.", "You have not proposed any ideas yet.";
    notifications_empty => "Уведомлений пока нет.", "No notifications yet.";
    unread_label => "непрочитанных", "unread";
    mark_read => "Отметить все прочитанными", "Mark all read";
    notice_commented => "Новый комментарий к вашей идее", "New comment on your idea";
    notice_replied => "Ответ на ваш комментарий", "A reply to your comment";
    notice_published => "Ваша идея опубликована", "Your idea is published";
    notice_rejected => "Ваша идея отклонена", "Your idea was rejected";
    notice_shortlisted => "Ваша идея в коротком списке", "Your idea is shortlisted";
    notice_selected => "Ваша идея отобрана для реализации", "Your idea is selected";
    oppose => "Против", "Against";
    by => "автор", "by";
    email => "Электронная почта", "E-mail";
    display_name => "Имя на сайте", "Display name";
    password => "Пароль", "Password";
    password_hint => "Не короче 10 символов.", "At least 10 characters.";
    login_title => "Вход", "Log in";
    register_title => "Регистрация", "Registration";
    register_sent_title => "Проверьте почту", "Check your e-mail";
    register_sent_text => "Мы отправили письмо со ссылкой на указанный адрес. Откройте ссылку, чтобы закончить регистрацию: она действует 48 часов.", "We have sent a message with a link to the address you gave. Open the link to finish registering: it works for 48 hours.";
    register_sent_hint => "Письма нет? Проверьте папку «Спам» или попробуйте войти — мы пришлём ссылку ещё раз.", "No message? Look in the spam folder, or try to log in: we will send the link again.";
    confirm_title => "Подтверждение адреса", "Confirm your address";
    confirm_text => "Нажмите кнопку, чтобы подтвердить адрес электронной почты и войти.", "Press the button to confirm your e-mail address and log in.";
    confirm_button => "Подтвердить и войти", "Confirm and log in";
    account_title => "Учётная запись", "Account";
    account_name => "Имя на сайте", "Name on the site";
    logout_everywhere => "Выйти на всех устройствах", "Log out on every device";
    logout_everywhere_hint => "Например, если вы входили с чужого компьютера или потеряли телефон.", "For example, if you logged in on someone else's computer or lost your phone.";
    login_button => "Войти", "Log in";
    register_button => "Зарегистрироваться", "Register";
    no_account => "Нет аккаунта?", "No account yet?";
    have_account => "Уже зарегистрированы?", "Already registered?";
    not_found_title => "Страница не найдена", "Page not found";
    not_found_text => "Такой страницы нет. Возможно, проект ещё не опубликован.",
        "There is no such page. Perhaps the project is not published yet.";
    back_home => "На главную", "Back to the home page";
    error_title => "Что-то пошло не так", "Something went wrong";
    retry => "Обновите страницу или попробуйте позже.", "Reload the page or try again later.";
    err_required => "Заполните это поле.", "Please fill in this field.";
    err_too_short => "Слишком коротко.", "Too short.";
    err_too_long => "Слишком длинно.", "Too long.";
    err_markup => "HTML-разметка не допускается: пишите обычным текстом.", "HTML markup is not allowed: please write plain text.";
    err_unconfirmed => "Сначала подтвердите адрес: мы отправили ссылку ещё раз, проверьте почту.", "Confirm your address first: we have sent the link again, check your e-mail.";
    err_link_invalid => "Ссылка не действует: она уже использована или устарела. Войдите, чтобы получить новую.", "This link no longer works: it was used or has expired. Log in to get a new one.";
    err_control => "Уберите невидимые управляющие символы (например, смену направления текста).", "Remove the invisible control characters (such as text direction overrides).";
    err_unknown_direction => "Выберите направление этого проекта.", "Choose a direction of this project.";
    err_duplicate => "У вас уже есть идея с таким заголовком.", "You already have an idea with this title.";
    err_window_closed => "Приём идей сейчас закрыт: идеи принимаются только в сроки этапа.",
        "Idea submission is closed: ideas are accepted only during the submission stage.";
    err_not_joined => "Сначала присоединитесь к проекту.", "Join the project first.";
    err_project_finished => "Проект уже завершён.", "The project is already over.";
    err_email_invalid => "Введите адрес вида name@example.org.", "Enter an address like name@example.org.";
    err_email_taken => "Этот адрес уже зарегистрирован.", "This address is already registered.";
    err_password_short => "Пароль должен быть не короче 10 символов.", "The password must be at least 10 characters long.";
    err_bad_credentials => "Неверная почта или пароль.", "Wrong e-mail or password.";
    err_own_idea => "Нельзя оценивать свою идею.", "You cannot rate your own idea.";
    err_voting_closed => "Оценка идей сейчас закрыта.", "Rating is closed now.";
    err_invalid => "Недопустимое значение.", "Invalid value.";
    err_unauthorized => "Войдите, чтобы продолжить.", "Please log in to continue.";
    err_forbidden => "У вашей роли нет доступа к этому действию.", "Your role may not do this.";
    err_rate_limited => "Слишком много попыток. Подождите и попробуйте снова.", "Too many attempts. Please wait and try again.";
    err_not_found => "Не найдено.", "Not found.";
    err_internal => "Сбой на нашей стороне, а не у вас. Обновите страницу через минуту; если не поможет, попробуйте позже: сбой записан в журнал, и мы его исправим.",
        "Something failed on our side, not yours. Reload the page in a minute; if that does not help, try later: the failure is logged for us to fix.";
    err_network => "Нет связи с сервером. Проверьте подключение к интернету и нажмите кнопку ещё раз.",
        "Cannot reach the server. Check your internet connection and press the button again.";
    idea_merged_into => "Эта идея объединена с похожей, её голоса и комментарии теперь здесь:", "This idea was merged into a similar one; its votes and comments are here now:";
    err_gone => "Ссылка больше не действует: срок истёк или её отозвали.", "This link no longer works: it expired or was revoked.";
    err_unknown_account => "Такой учётной записи нет.", "There is no such account.";
    err_slug_invalid => "Только строчные латинские буквы, цифры и дефисы.", "Only lower-case latin letters, digits and hyphens.";
    err_slug_taken => "Такой адрес уже занят другим проектом.", "Another project already uses this address.";
    err_end_before_start => "Окончание должно быть позже начала.", "The end must come after the start.";
    err_stage_overlap => "Этап пересекается с другим этапом.", "The stage overlaps another stage.";
    err_stage_order => "Этапы должны идти по порядку: анонс, идеи, обсуждение, экспертиза, итоги.",
        "Stages must follow their order: announcement, ideas, discussion, review, results.";
    err_stage_duplicate => "Такой этап уже есть.", "This stage already exists.";
    err_ideas_required => "Нужен этап приёма идей (и до экспертной оценки).", "An idea submission stage is required (before the expert review).";
    err_directions_required => "Нужно хотя бы одно направление.", "At least one direction is required.";
    err_in_past => "Время публикации должно быть в будущем.", "The publication time must be in the future.";
    err_has_ideas => "В направлении есть идеи: его можно только вывести из работы.", "The direction has ideas: it can only be retired.";
    err_not_expert => "Эта учётная запись не эксперт.", "This account is not an expert.";
    err_hours_range => "От 1 часа до 30 дней.", "From 1 hour to 30 days.";
    nav_staff => "Кабинет сотрудника", "Staff workspace";
    staff_title => "Проекты: все состояния", "Projects in every state";
    staff_new => "Новый проект", "New project";
    staff_create => "Создать черновик", "Create the draft";
    staff_open => "Открыть", "Open";
    state_draft => "черновик", "draft";
    state_scheduled => "запланирован", "scheduled";
    state_published => "опубликован", "public";
    state_archived => "в архиве", "archived";
    field_slug => "Адрес (латиницей)", "Address (latin)";
    field_title_ru => "Название (рус.)", "Title (Russian)";
    field_title_en => "Название (англ.)", "Title (English)";
    field_summary_ru => "Кратко (рус.)", "Summary (Russian)";
    field_summary_en => "Кратко (англ.)", "Summary (English)";
    field_body_ru => "Описание (рус.)", "Description (Russian)";
    field_body_en => "Описание (англ.)", "Description (English)";
    save => "Сохранить", "Save";
    saved => "Сохранено.", "Saved.";
    delete => "Удалить", "Delete";
    add => "Добавить", "Add";
    up => "Выше", "Up";
    down => "Ниже", "Down";
    retire => "Вывести из работы", "Retire";
    rename => "Переименовать", "Rename";
    edit => "Изменить", "Edit";
    preview_changes => "Предпросмотр изменений (без сохранения)", "Preview the changes (not saved)";
    preview_short => "Предпросмотр", "Preview";
    close_preview => "Закрыть предпросмотр", "Close the preview";
    field_photo => "Фотография: PNG, JPEG или WebP, до 8 МБ, не меньше 200 точек по стороне",
        "Photo: PNG, JPEG or WebP, up to 8 MB, at least 200 pixels a side";
    photo_saved => "Фотография сохранена.", "The photo is saved.";
    remove_photo => "Удалить фотографию", "Remove the photo";
    cover_title => "Обложка", "Cover";
    field_cover => "Картинка: PNG, JPEG или WebP, до 8 МБ, не меньше 200 точек по стороне",
        "Picture: PNG, JPEG or WebP, up to 8 MB, at least 200 pixels a side";
    upload => "Загрузить", "Upload";
    cover_saved => "Обложка сохранена.", "The cover is saved.";
    err_too_large => "Файл слишком большой.", "The file is too large.";
    err_not_image => "Это не картинка PNG, JPEG или WebP.", "This is not a PNG, JPEG or WebP picture.";
    err_too_small => "Картинка слишком маленькая.", "The picture is too small.";
    err_not_published => "В архив можно отправить только опубликованный проект.", "Only a published project can be archived.";
    restore => "Вернуть", "Restore";
    retired => "выведено", "retired";
    field_kind => "Этап", "Stage";
    field_starts => "Начало (МСК)", "Start (Moscow time)";
    field_ends => "Окончание (МСК)", "End (Moscow time)";
    field_name_ru => "Имя (рус.)", "Name (Russian)";
    field_name_en => "Имя (англ.)", "Name (English)";
    field_position_ru => "Должность (рус.)", "Position (Russian)";
    field_position_en => "Должность (англ.)", "Position (English)";
    field_expert_email => "Почта эксперта (необязательно)", "Expert's e-mail (optional)";
    linked_account => "связан с учётной записью", "linked to an account";
    publication_title => "Публикация", "Publication";
    state_now => "Состояние", "State";
    publish_now => "Опубликовать сейчас", "Publish now";
    schedule => "Запланировать", "Schedule";
    field_publish_at => "Опубликовать в (МСК)", "Publish at (Moscow time)";
    unpublish => "Вернуть в черновик", "Back to draft";
    archive => "В архив", "Archive";
    preview_title => "Предпросмотр", "Preview";
    preview_as_resident => "Посмотреть как житель", "Preview as a resident";
    preview_banner => "Предпросмотр: так страницу увидят жители. Она ещё не опубликована или может измениться.",
        "Preview: this is how residents will see the page. It is not published yet or may change.";
    preview_banner_public => "Предпросмотр: проект уже опубликован, жители видят его страницу.", "Preview: the project is published already; residents see its page.";
    preview_open_public => "Открыть страницу проекта", "Open the project's page";
    no_dates_badge => "Сроки не назначены", "No dates yet";
    no_dates_yet => "ещё не назначены: у проекта нет этапов", "not set yet: the project has no stages";
    no_dates_take_part => "Участвовать можно будет, когда у проекта появятся сроки.", "You can take part once the project has its dates.";
    expired => "срок истёк", "expired";
    preview_links => "Ссылки для предпросмотра", "Preview links";
    field_hours => "Действует, часов", "Valid for, hours";
    create_link => "Создать ссылку", "Create a link";
    new_link => "Новая ссылка (видна один раз, скопируйте):", "New link (shown once, copy it):";
    expires => "действует до", "valid until";
    revoked => "отозвана", "revoked";
    revoke => "Отозвать", "Revoke";
    history_title => "История изменений", "Edit history";
    refusal_login_title => "Войдите, чтобы открыть эту страницу", "Log in to open this page";
    refusal_login_text => "Эта страница открывается после входа. Войдите — и вы вернётесь сюда.",
        "This page opens once you are logged in. Log in and you will be brought back here.";
    refusal_role_title => "Эта страница не для вашей роли", "This page is not for your role";
    refusal_role_you => "Вы вошли как", "You are logged in as";
    refusal_role_open_to => "Страница открыта для ролей:", "The page is open to:";
    refusal_role_next => "Если вам нужен доступ, напишите администратору платформы: он назначает роли.",
        "If you need access, write to the platform's administrator: they assign roles.";
    refusal_other_account => "Войти под другой учётной записью", "Log in with another account";
    role_resident => "житель", "resident";
    role_moderator => "модератор", "moderator";
    role_expert => "эксперт комиссии", "commission expert";
    role_staff => "сотрудник", "staff member";
    role_admin => "администратор", "administrator";
    hist_project_created => "Проект создан: {}", "Project created: {}";
    hist_text_changed => "{}: «{}» → «{}»", "{}: “{}” → “{}”";
    hist_cover_replaced => "Обложка заменена", "Cover replaced";
    hist_premoderation_on => "Премодерация включена", "Premoderation switched on";
    hist_premoderation_off => "Премодерация выключена", "Premoderation switched off";
    hist_published => "Проект опубликован", "Project published";
    hist_scheduled => "Публикация запланирована: {}", "Publication scheduled: {}";
    hist_unpublished => "Снят с публикации (черновик)", "Unpublished (back to draft)";
    hist_archived => "Перенесён в архив", "Archived";
    hist_stage_added => "Этап добавлен: {}", "Stage added: {}";
    hist_stage_changed => "Этап изменён: {} → {}", "Stage changed: {} → {}";
    hist_stage_removed => "Этап удалён: {}", "Stage removed: {}";
    hist_direction_added => "Направление добавлено: {}", "Direction added: {}";
    hist_direction_renamed => "Направление переименовано: {} → {}", "Direction renamed: {} → {}";
    hist_direction_retired => "Направление закрыто для новых идей: {}", "Direction retired: {}";
    hist_direction_restored => "Направление снова открыто: {}", "Direction restored: {}";
    hist_direction_deleted => "Направление удалено: {}", "Direction deleted: {}";
    hist_direction_moved_up => "Направление «{}» перемещено выше", "Direction “{}” moved up";
    hist_direction_moved_down => "Направление «{}» перемещено ниже", "Direction “{}” moved down";
    hist_member_added => "Член комиссии добавлен: {}", "Commission member added: {}";
    hist_member_changed => "Член комиссии {}: {}: {} → {}", "Commission member {}: {}: {} → {}";
    hist_member_linked => "Член комиссии {}: привязана учётная запись эксперта",
        "Commission member {}: expert account linked";
    hist_member_unlinked => "Член комиссии {}: учётная запись эксперта отвязана",
        "Commission member {}: expert account unlinked";
    hist_member_removed => "Член комиссии удалён: {}", "Commission member removed: {}";
    hist_member_photo_replaced => "Фото члена комиссии заменено: {}", "Commission member's photo replaced: {}";
    hist_member_photo_removed => "Фото члена комиссии удалено: {}", "Commission member's photo removed: {}";
    hist_member_moved_up => "Член комиссии {} перемещён выше", "Commission member {} moved up";
    hist_member_moved_down => "Член комиссии {} перемещён ниже", "Commission member {} moved down";
    hist_preview_link_created => "Создана ссылка предпросмотра № {} на {} ч", "Preview link #{} created for {} h";
    hist_preview_link_revoked => "Ссылка предпросмотра № {} отозвана", "Preview link #{} revoked";
    hist_criteria_set => "Критерии оценки: {}", "Scoring criteria: {}";
    hist_quorum_set => "Голосов для отбора идеи: {}", "Votes to select an idea: {}";
    hist_quorum_majority => "Для отбора идеи нужно большинство членов комиссии",
        "Selecting an idea needs a majority of the commission";
    preview_invalid => "Ссылка для предпросмотра недействительна.", "This preview link is not valid.";
    edit_project => "Редактировать проект", "Edit the project";
    catalogue_link => "Все проекты и поиск", "All projects and search";
    catalogue_title => "Каталог проектов", "Project catalogue";
    filter_phase => "Состояние", "Status";
    filter_year => "Год", "Year";
    filter_search => "Поиск по названию", "Search by title";
    filter_all => "Все", "All";
    filter_apply => "Показать", "Show";
    filter_found => "Найдено проектов:", "Projects found:";
    ends_in => "До конца этапа", "Until the end of the stage";
    days_short => "дн.", "d";
    time_left => "осталось", "left:";
    hours_short => "ч", "h";
    minutes_short => "мин", "min";
    stage_vote => "Голосование жителей", "Residents' vote";
    vote_title => "Голосование жителей", "Residents' vote";
    vote_open_link => "Голосование жителей за идеи", "Residents' vote on the ideas";
    vote_rule_approval => "Выберите до {} идей в каждом направлении.", "Choose up to {} ideas in each direction.";
    vote_rule_budget => "Выберите идеи, общая стоимость которых укладывается в бюджет направления.", "Choose ideas whose total cost fits each direction's budget.";
    vote_upcoming => "Голосование откроется {}.", "Voting opens {}.";
    vote_running => "Голосование идёт до {}.", "Voting is open until {}.";
    vote_finished => "Голосование завершилось {}.", "Voting ended {}.";
    vote_login => "Войдите, чтобы проголосовать.", "Log in to vote.";
    vote_officials => "Должностные лица не голосуют: выбирают жители.", "Officials do not vote: residents choose.";
    vote_chosen => "Выбрано: {} из {}", "Chosen: {} of {}";
    vote_spent => "Стоимость выбранного: {} из {}", "Cost of the chosen ideas: {} of {}";
    vote_cost => "Стоимость", "Cost";
    vote_budget => "Бюджет направления", "Direction budget";
    vote_save_draft => "Сохранить черновик", "Save draft";
    vote_confirm => "Подтвердить голос", "Confirm my vote";
    vote_summary => "Ваш выбор", "Your choice";
    vote_nothing_chosen => "Пока ничего не выбрано.", "Nothing chosen yet.";
    vote_unconfirmed => "Выбор не подтверждён и пока не учитывается. Он сохраняется как черновик: подтвердите голос до конца голосования.", "Your choice is not confirmed and does not count yet. It is kept as a draft: confirm your vote before voting ends.";
    vote_confirmed => "Ваш голос учтён. Его можно изменить до конца голосования: учитывается последний подтверждённый.", "Your vote counts. You may change it until voting ends: the last confirmed one counts.";
    vote_receipt => "Квитанция", "Receipt";
    vote_receipt_hint => "Сохраните её: по ней любой может проверить, что бюллетень учтён именно с этим выбором.", "Keep it: with it anyone can check that the ballot was counted with exactly this choice.";
    vote_check_title => "Проверить квитанцию", "Check a receipt";
    vote_check => "Проверить", "Check";
    vote_check_found => "Бюллетень с этой квитанцией учтён. Выбранные идеи:", "The ballot with this receipt is counted. Ideas chosen:";
    vote_check_missing => "Учтённого бюллетеня с такой квитанцией нет. Если вы меняли голос, действует квитанция последнего подтверждения.", "No counted ballot has this receipt. If you changed your vote, the receipt of your last confirmation is the one that counts.";
    vote_hidden => "Итоги откроются, когда голосование закончится.", "The totals are shown once voting ends.";
    vote_ballots => "Подтверждённых бюллетеней: {}", "Confirmed ballots: {}";
    vote_votes => "Голоса", "Votes";
    vote_totals_title => "Итоги голосования", "Voting results";
    vote_winner => "Победитель", "Winner";
    vote_idea => "Идея", "Idea";
    vote_downloads => "Бюллетени без имён, для пересчёта:", "Ballots without names, for a recount:";
    vote_rule_greedy => "Победители по бюджету: идеи берутся по убыванию голосов, пока укладываются в остаток бюджета; идея, которая не помещается, пропускается, и берётся следующая.", "Budget winners: ideas are taken by votes, most first, while they fit what is left of the budget; an idea that does not fit is passed over and the next one is tried.";
    vote_rule_top => "Победители: {} идей с наибольшим числом голосов в каждом направлении.", "Winners: the {} ideas with the most votes in each direction.";
    vote_empty => "В бюллетене пока нет идей.", "The ballot has no ideas yet.";
    vote_saving => "Сохраняем…", "Saving…";
    vote_saved => "Черновик сохранён.", "Draft saved.";
    staff_vote => "Голосование жителей", "Residents' vote";
    staff_vote_hint => "Добавьте в график этап «Голосование жителей» после экспертной оценки, выберите правило и поставьте идеи в бюллетень. Когда этап начнётся, бюллетень и правило изменить нельзя.", "Add a “Residents' vote” stage to the timeline after the expert review, choose a rule and put ideas on the ballot. Once the stage starts, the ballot and the rule cannot change.";
    vote_no_stage => "В графике проекта нет этапа «Голосование жителей».", "The project's timeline has no “Residents' vote” stage.";
    field_rule => "Правило", "Rule";
    rule_approval => "Выбор до K идей в направлении", "Up to K ideas per direction";
    rule_budget => "Бюджет направления", "Each direction's budget";
    field_max_choices => "K: сколько идей можно выбрать в направлении", "K: how many ideas a ballot may choose per direction";
    field_results_live => "Показывать жителям итоги во время голосования", "Show residents the totals while voting runs";
    vote_fill_shortlist => "Поставить в бюллетень шорт-лист комиссии", "Put the commission's shortlist on the ballot";
    vote_fill_selection => "Поставить в бюллетень только отобранные идеи", "Put only the selected ideas on the ballot";
    vote_fill_direction => "В этом направлении:", "In this direction:";
    vote_fill_direction_shortlist => "шорт-лист", "the shortlist";
    vote_fill_direction_selection => "только отобранные", "only the selected";
    vote_remove => "Убрать из бюллетеня", "Take off the ballot";
    vote_drafts => "Черновиков без подтверждения: {}", "Drafts not confirmed: {}";
    vote_page_link => "Страница голосования", "The voting page";
    err_vote_closed => "Голосование сейчас закрыто: голоса принимаются только в сроки этапа.", "Voting is closed: votes are accepted only during the voting stage.";
    err_too_many_choices => "Выбрано больше идей, чем можно в одном направлении.", "More ideas are chosen than one direction allows.";
    err_not_on_ballot => "Этой идеи нет в бюллетене.", "This idea is not on the ballot.";
    err_over_budget => "Стоимость выбранных идей больше бюджета направления.", "The chosen ideas cost more than the direction's budget.";
    err_ballot_empty => "Выберите хотя бы одну идею.", "Choose at least one idea.";
    err_vote_started => "Голосование уже началось: бюллетень и правило изменить нельзя.", "Voting has started: the ballot and the rule can no longer change.";
    err_out_of_range => "Значение вне допустимых пределов.", "The value is out of range.";
    err_not_a_number => "Введите число рублей (пробелы между разрядами можно).", "Enter a number of roubles (spaces between digit groups are fine).";
    err_nothing_to_add => "Новых идей для бюллетеня нет: комиссия ещё не составила шорт-лист или все его идеи уже в бюллетене.", "No new ideas for the ballot: the commission has not shortlisted any yet, or all of them are on it already.";
    err_receipt_malformed => "Квитанция — это 64 символа: цифры и буквы a–f.", "A receipt is 64 characters: digits and the letters a–f.";
    err_review_required => "Перед голосованием жителей нужен этап экспертной оценки.", "A residents' vote needs an expert review stage before it.";
    hist_vote_approval => "Голосование жителей: до {} идей в направлении", "Residents' vote: up to {} ideas per direction";
    hist_vote_budget => "Голосование жителей: в пределах бюджета направлений", "Residents' vote: within each direction's budget";
    hist_vote_live => "итоги видны во время голосования", "totals shown while voting runs";
    hist_ballot_filled => "В бюллетень добавлено идей: {}", "Ideas put on the ballot: {}";
    hist_ballot_item_removed => "Идея «{}» убрана из бюллетеня", "Idea “{}” taken off the ballot";
    hist_ballot_cost_set => "Стоимость идеи «{}»: {}", "Cost of “{}”: {}";
    hist_vote_budget_set => "Бюджет направления «{}»: {}", "Budget of “{}”: {}";
    not_set => "не задано", "not set";
    notice_vote_reminder => "Голосование скоро закончится, а ваш выбор не подтверждён", "Voting ends soon and your choice is not confirmed";
    impl_title => "Реализация", "Implementation";
    impl_status_planned => "Запланирована", "Planned";
    impl_status_in_progress => "Выполняется", "In progress";
    impl_status_done => "Реализована", "Done";
    impl_status_cancelled => "Отменена", "Cancelled";
    impl_department => "Ответственный", "Responsible department";
    impl_percent => "Готовность, %", "Progress, %";
    impl_milestones => "Этапы реализации", "Milestones";
    impl_due => "срок", "due";
    impl_reached => "пройден", "reached";
    impl_reports => "Отчёты о ходе работ", "Progress reports";
    impl_pending => "Идея отобрана. Как её реализуют, появится здесь.", "The idea is selected. How it is being built will appear here.";
    impl_follow => "Следить за идеей", "Follow this idea";
    impl_unfollow => "Не следить", "Stop following";
    impl_following_hint => "Вы получаете уведомления о реализации этой идеи.", "You are notified of this idea's implementation.";
    impl_followers => "Следят за идеей: {}", "Following the idea: {}";
    impl_follow_login => "Войдите, чтобы следить за реализацией идеи.", "Log in to follow the idea's implementation.";
    impl_photo_alt => "Фото к отчёту от {}", "Photo of the report of {}";
    impl_updated => "Обновлено", "Updated";
    built_title => "Что сделано", "What was built";
    built_hint => "Как город реализует идеи жителей, отобранные экспертной комиссией или голосованием жителей.", "How the city builds the residents' ideas selected by the expert commission or by the residents' vote.";
    built_project_title => "Реализация идей проекта", "Implementation of the project's ideas";
    built_empty => "Пока нечего показать.", "Nothing to show yet.";
    built_link => "Что сделано по идеям проекта", "What was built from the project's ideas";
    all_projects => "Все проекты", "All projects";
    all_departments => "Все ответственные", "All departments";
    field_project => "Проект", "Project";
    built_next => "Следующий этап", "Next milestone";
    built_all_link => "Все реализованные идеи города", "Every idea built in the city";
    staff_impl_title => "Реализация отобранных идей", "Implementation of the selected ideas";
    staff_impl_hint => "Идеи, отобранные комиссией или победившие в голосовании жителей. Каждое изменение попадает в журнал решений и приходит уведомлением автору и тем, кто следит за идеей.", "Ideas the commission selected or the residents' vote made winners. Every change goes into the decision trail and reaches the author and the idea's followers as a notice.";
    staff_impl_empty => "Отобранных идей пока нет.", "No selected ideas yet.";
    impl_no_record => "запись не заведена", "no record yet";
    impl_reason_label => "Причина отмены", "Reason for cancelling";
    impl_reason_hint => "Обязательна, если реализация отменена; её увидят жители.", "Required when the implementation is cancelled; residents will read it.";
    impl_record => "Запись о реализации", "Implementation record";
    impl_add_milestone => "Добавить этап", "Add a milestone";
    impl_milestone_title => "Этап", "Milestone";
    impl_due_label => "Срок", "Due";
    impl_reach => "Отметить пройденным", "Mark reached";
    impl_reached_on => "Дата (пусто — сегодня)", "Date (empty: today)";
    impl_add_report => "Опубликовать отчёт", "Publish a report";
    impl_report_body => "Текст отчёта", "Report";
    impl_report_photo => "Фото (PNG, JPEG или WebP, до 8 МБ, необязательно)", "Photo (PNG, JPEG or WebP, up to 8 MB, optional)";
    impl_report_saved => "Отчёт опубликован.", "The report is published.";
    impl_open_idea => "Страница идеи", "The idea's page";
    impl_back => "К редактору проекта", "Back to the project editor";
    err_not_eligible => "Вести реализацию можно только для идей, отобранных комиссией или победивших в голосовании.", "Only ideas the commission selected or the vote made winners can be tracked.";
    err_no_record => "Сначала заведите запись о реализации: ответственного и статус.", "Open the implementation record first: its department and status.";
    err_not_a_date => "Укажите дату в виде ГГГГ-ММ-ДД.", "Enter a date as YYYY-MM-DD.";
    err_already_reached => "Этот этап уже отмечен пройденным.", "This milestone is already marked reached.";
    err_in_future => "Эта дата ещё не наступила.", "That date has not come yet.";
    decision_impl_planned => "Реализация запланирована", "Implementation planned";
    decision_impl_in_progress => "Реализация началась", "Implementation started";
    decision_impl_done => "Идея реализована", "Idea built";
    decision_impl_cancelled => "Реализация отменена", "Implementation cancelled";
    decision_impl_updated => "Реализация: изменения", "Implementation updated";
    decision_milestone_added => "Новый этап реализации", "Milestone set";
    decision_milestone_reached => "Этап реализации пройден", "Milestone reached";
    decision_progress_reported => "Отчёт о ходе реализации", "Progress report";
    by_staff => "сотрудник", "staff";
    passport_vote_won => "Победила в голосовании жителей", "Won the residents' vote";
    passport_vote_lost => "Не прошла по итогам голосования жителей", "Not chosen in the residents' vote";
    passport_milestone_due => "Этап реализации впереди", "Milestone ahead";
    passport_trail_link => "запись в журнале решений", "entry in the decision trail";
    passport_mean_score => "Средняя оценка комиссии: {} из 5", "The commission's mean score: {} of 5";
}

/// The sentence for a validation `code` about `field` from the server.
pub fn error_text(t: &'static Texts, field: &str, code: &str) -> &'static str {
    match (field, code) {
        ("direction", "unknown") => t.err_unknown_direction,
        ("expert_email", "unknown") => t.err_unknown_account,
        (_, "required") => t.err_required,
        (_, "too_short") => t.err_too_short,
        (_, "too_long") => t.err_too_long,
        (_, "markup") => t.err_markup,
        (_, "control") => t.err_control,
        (_, "unconfirmed") => t.err_unconfirmed,
        (_, "link_invalid") => t.err_link_invalid,
        (_, "duplicate") => t.err_duplicate,
        (_, "window_closed") => t.err_window_closed,
        (_, "not_joined") => t.err_not_joined,
        (_, "project_finished") => t.err_project_finished,
        (_, "email_invalid") => t.err_email_invalid,
        (_, "email_taken") => t.err_email_taken,
        (_, "password_short") => t.err_password_short,
        (_, "bad_credentials") => t.err_bad_credentials,
        (_, "own_idea") => t.err_own_idea,
        (_, "comments_closed") => t.err_comments_closed,
        (_, "not_editable") => t.err_not_editable,
        (_, "already_moderated") => t.err_already_moderated,
        (_, "score_range") => t.err_score_range,
        (_, "criteria_count") => t.err_criteria_count,
        (_, "criteria_locked") => t.err_criteria_locked,
        (_, "quorum_range") => t.err_quorum_range,
        (_, "quorum_locked") => t.err_quorum_locked,
        (_, "commission_locked") => t.err_commission_locked,
        (_, "already_member") => t.err_already_member,
        (_, "score_final") => t.err_score_final,
        (_, "none_selected") => t.err_none_selected,
        (_, "too_many_selected") => t.err_too_many_selected,
        (_, "same_idea") => t.err_same_idea,
        (_, "other_project") => t.err_other_project,
        (_, "conflicted") => t.err_conflicted,
        (_, "not_shortlisted") => t.err_not_shortlisted,
        (_, "already_voted") => t.err_already_voted,
        (_, "already_decided") => t.err_already_decided,
        (_, "already_declared") => t.err_already_declared,
        (_, "unknown_parent") => t.err_unknown_parent,
        (_, "already_reported") => t.err_already_reported,
        (_, "voting_closed") => t.err_voting_closed,
        (_, "slug_invalid") => t.err_slug_invalid,
        (_, "slug_taken") => t.err_slug_taken,
        (_, "end_before_start") => t.err_end_before_start,
        (_, "stage_overlap") => t.err_stage_overlap,
        (_, "stage_order") => t.err_stage_order,
        (_, "stage_duplicate") => t.err_stage_duplicate,
        (_, "ideas_required") => t.err_ideas_required,
        (_, "directions_required") => t.err_directions_required,
        (_, "in_past") => t.err_in_past,
        (_, "has_ideas") => t.err_has_ideas,
        (_, "not_expert") => t.err_not_expert,
        (_, "hours_range") => t.err_hours_range,
        (_, "too_large") => t.err_too_large,
        (_, "not_image") => t.err_not_image,
        (_, "too_small") => t.err_too_small,
        (_, "not_published") => t.err_not_published,
        (_, "vote_closed") => t.err_vote_closed,
        ("ideas", "too_many") => t.err_too_many_choices,
        (_, "not_on_ballot") => t.err_not_on_ballot,
        (_, "over_budget") => t.err_over_budget,
        (_, "ballot_empty") => t.err_ballot_empty,
        (_, "vote_started") => t.err_vote_started,
        (_, "out_of_range") => t.err_out_of_range,
        (_, "not_a_number") => t.err_not_a_number,
        (_, "nothing_to_add") => t.err_nothing_to_add,
        (_, "receipt_malformed") => t.err_receipt_malformed,
        (_, "review_required") => t.err_review_required,
        (_, "not_eligible") => t.err_not_eligible,
        (_, "no_record") => t.err_no_record,
        (_, "not_a_date") => t.err_not_a_date,
        (_, "already_reached") => t.err_already_reached,
        (_, "in_future") => t.err_in_future,
        _ => t.err_invalid,
    }
}

/// `template` with each `{}` replaced by the next of `args`, in order.
pub fn fill(template: &str, args: &[String]) -> String {
    let mut out =
        String::with_capacity(template.len() + args.iter().map(String::len).sum::<usize>());
    let mut parts = template.split("{}");
    out.push_str(parts.next().unwrap_or_default());
    for (part, arg) in parts.zip(args.iter().map(String::as_str).chain(std::iter::repeat(""))) {
        out.push_str(arg);
        out.push_str(part);
    }
    out
}

/// The current language, provided by [`crate::App`].
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// The string table of the current language.
pub fn use_texts() -> &'static Texts {
    texts_of(use_lang())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_the_domain_uses_has_its_own_sentence() {
        let codes = [
            "required",
            "too_short",
            "too_long",
            "markup",
            "duplicate",
            "window_closed",
            "not_joined",
            "project_finished",
            "email_invalid",
            "email_taken",
            "password_short",
            "bad_credentials",
            "own_idea",
            "voting_closed",
            "slug_invalid",
            "slug_taken",
            "end_before_start",
            "stage_overlap",
            "stage_order",
            "stage_duplicate",
            "ideas_required",
            "directions_required",
            "in_past",
            "has_ideas",
            "not_expert",
            "hours_range",
            "too_large",
            "not_image",
            "too_small",
            "not_published",
            "vote_closed",
            "not_on_ballot",
            "over_budget",
            "ballot_empty",
            "vote_started",
            "out_of_range",
            "not_a_number",
            "nothing_to_add",
            "receipt_malformed",
            "review_required",
            "not_eligible",
            "no_record",
            "not_a_date",
            "already_reached",
            "in_future",
        ];
        for code in codes {
            assert_ne!(error_text(&RU, "title", code), RU.err_invalid, "{code}");
            assert_ne!(error_text(&EN, "title", code), EN.err_invalid, "{code}");
        }
        assert_eq!(
            error_text(&RU, "ideas", "too_many"),
            RU.err_too_many_choices
        );
        assert_eq!(
            error_text(&EN, "direction", "unknown"),
            EN.err_unknown_direction
        );
        assert_eq!(
            error_text(&EN, "expert_email", "unknown"),
            EN.err_unknown_account
        );
    }

    #[test]
    fn language_codes_round_trip() {
        assert_eq!(Lang::from_code("en"), Lang::En);
        assert_eq!(Lang::from_code("fr"), Lang::Ru);
        assert_eq!(Lang::En.other().code(), "ru");
    }
}
