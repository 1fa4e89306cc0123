// Forms posted before the page is hydrated (a slow phone, a lazy chunk still loading, scripts off) work as
// plain HTML forms: each kind ends back on its page with the outcome or the messages next to the fields
// and what was typed still in them, never on a bare error. Residents', moderators', experts' and staff's
// forms each have a test, run at a phone's width and at a desktop's (a post changes the data, so the two
// runs of a test take different people or different items where it matters).
import { test, expect, type Browser } from "@playwright/test";
import { OPEN_PROJECT, confirmationLink, moscow } from "./helpers";

const WIDTHS = [360, 1280] as const;

/** A browser without JavaScript at a phone's width (or `width`), logged in as `email` when given. */
async function withoutScripts(browser: Browser, email?: string, width = 360) {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width, height: 740 } });
  const page = await context.newPage();
  if (email) {
    await page.goto("/login?next=/");
    await page.getByLabel("Электронная почта").fill(email);
    await page.getByLabel("Пароль").fill("demo-password");
    await page.getByRole("button", { name: "Войти" }).click();
    await page.waitForURL((url) => url.pathname === "/");
  }
  return { context, page };
}

for (const width of WIDTHS) {
  test(`logging in without JavaScript at ${width} px: a wrong password comes back as a message, the right one goes on`, async ({ browser }) => {
    const { context, page } = await withoutScripts(browser, undefined, width);
    await page.goto("/login?next=/my/ideas");
    await page.getByLabel("Электронная почта").fill("anna@example.org");
    await page.getByLabel("Пароль").fill("not her password");
    await page.getByRole("button", { name: "Войти" }).click();
    await expect(page).toHaveURL(/\/login\?/);
    await expect(page.getByText("Неверная почта или пароль.")).toBeVisible();
    await page.getByLabel("Электронная почта").fill("anna@example.org");
    await page.getByLabel("Пароль").fill("demo-password");
    await page.getByRole("button", { name: "Войти" }).click();
    await page.waitForURL("**/my/ideas");
    await expect(page.getByRole("heading", { level: 1, name: "Мои идеи" })).toBeVisible();
    await context.close();
  });
}

for (const width of WIDTHS) {
  test(`a resident joins and proposes without JavaScript at ${width} px; markup comes back as a field message`, async ({ browser }) => {
    const { context, page } = await withoutScripts(browser, "gleb@example.org", width);
    await page.goto(OPEN_PROJECT);
    const join = page.getByRole("button", { name: "Присоединиться к проекту" });
    if (await join.count()) await join.click();
    await expect(page.getByText("Вы участник проекта.")).toBeVisible();
    await page.locator("#idea-direction").selectOption({ label: "Набережные" });
    await page.getByLabel("Заголовок").fill("<b>Жирный</b> заголовок");
    await page.getByLabel("Описание идеи").fill("Подробное описание идеи для набережной.");
    await page.getByRole("button", { name: "Отправить идею" }).click();
    await expect(page).toHaveURL(/city-by-the-water/);
    await expect(page.getByText("HTML-разметка не допускается: пишите обычным текстом.")).toBeVisible();
    // What was typed is still there: only the title needs mending.
    await expect(page.getByLabel("Заголовок")).toHaveValue("<b>Жирный</b> заголовок");
    await expect(page.getByLabel("Описание идеи")).toHaveValue("Подробное описание идеи для набережной.");
    await expect(page.locator("#idea-direction option:checked")).toHaveText("Набережные");
    const title = `Фонтанчики без скриптов ${Date.now()}`;
    await page.getByLabel("Заголовок").fill(title);
    await page.getByRole("button", { name: "Отправить идею" }).click();
    // Back on the project page, which says what happened (not a silent reload ending in "?").
    await expect(page).toHaveURL(/\/projects\/city-by-the-water$/);
    await expect(page.getByRole("status").filter({ hasText: "Идея отправлена." })).toBeVisible();
    await expect(page.getByText(title).first()).toBeVisible();

    // Withdrawing asks first: the warning and a second button, then the author's list says it is done.
    await page.getByRole("link", { name: title }).first().click();
    await expect(page.locator(".notice.done")).toHaveCount(0);
    await page.locator(".withdraw-idea summary").click();
    await expect(page.getByText("Идея исчезнет из ленты и поиска. Это нельзя отменить.")).toBeVisible();
    await page.getByRole("button", { name: "Да, отозвать" }).click();
    await page.waitForURL("**/my/ideas");
    await expect(page.getByRole("status").filter({ hasText: "Идея отозвана." })).toBeVisible();
    await expect(page.locator(".my-ideas .idea", { hasText: title }).locator(".badge")).toHaveText("Отозвана автором");
    await context.close();
  });
}

for (const width of WIDTHS) {
  test(`an official's form without JavaScript at ${width} px: messages on the staff page, the refusal for a resident`, async ({ browser }) => {
    const staff = await withoutScripts(browser, "staff@example.org", width);
    await staff.page.goto("/staff");
    await staff.page.getByLabel("Адрес (латиницей)").fill("Bad Slug");
    await staff.page.getByRole("button", { name: "Создать черновик" }).click();
    await expect(staff.page).toHaveURL(/\/staff\?/);
    await expect(staff.page.locator("#field-slug-error")).toHaveText("Только строчные латинские буквы, цифры и дефисы.");
    // The draft, then the editor's forms (a lazy chunk when scripts run) as plain HTML forms too.
    await staff.page.getByLabel("Адрес (латиницей)").fill(`nojs-${width}-${Date.now()}`);
    await staff.page.getByLabel("Название (рус.)").fill(`Без скриптов ${width}`);
    await staff.page.getByLabel("Название (англ.)").fill(`Without scripts ${width}`);
    await staff.page.getByLabel("Кратко (рус.)").fill("Проект, собранный без скриптов.");
    await staff.page.getByLabel("Кратко (англ.)").fill("A project built without scripts.");
    await staff.page.getByLabel("Описание (рус.)").fill("Проверяем формы редактора без скриптов.");
    await staff.page.getByLabel("Описание (англ.)").fill("Checking the editor's forms without scripts.");
    await staff.page.getByRole("button", { name: "Создать черновик" }).click();
    await staff.page.waitForURL(/\/staff\/projects\/\d+/);
    const newStage = staff.page.locator(".stage-row.new");
    await newStage.getByLabel("Этап").selectOption("ideas");
    const [start, end] = [moscow(60 * 24 * 3), moscow(60 * 24 * 2)];
    await newStage.getByLabel("Начало (МСК)").fill(start);
    await newStage.getByLabel("Окончание (МСК)").fill(end);
    await newStage.getByRole("button", { name: "Добавить" }).click();
    await expect(newStage.locator(".field-error").nth(2)).toHaveText("Окончание должно быть позже начала.");
    // The row comes back as typed: the kind and both dates.
    await expect(newStage.getByLabel("Этап")).toHaveValue("ideas");
    await expect(newStage.getByLabel("Начало (МСК)")).toHaveValue(start);
    await expect(newStage.getByLabel("Окончание (МСК)")).toHaveValue(end);
    await newStage.getByLabel("Начало (МСК)").fill(moscow(60 * 24 * 2));
    await newStage.getByLabel("Окончание (МСК)").fill(moscow(60 * 24 * 12));
    await newStage.getByRole("button", { name: "Добавить" }).click();
    await expect(staff.page.locator(".stage-row:not(.new)")).toHaveCount(1);
    await staff.page.locator("#direction-title-ru").fill("Транспорт");
    await staff.page.locator("#direction-title-en").fill("Transport");
    await staff.page.locator("#direction-title-en").press("Enter");
    await expect(staff.page.locator(".rows li", { hasText: "Транспорт" })).toBeVisible();
    await staff.context.close();

    // A resident whose session ended up on an official's form (an old tab): the refusal page, 403.
    const resident = await withoutScripts(browser, "anna@example.org", width);
    const reply = await resident.page.goto("/staff");
    expect(reply?.status()).toBe(403);
    // A visitor: 401 with the challenge HTTP asks for, and a way to log in.
    const visitor = await withoutScripts(browser, undefined, width);
    const login = await visitor.page.goto("/staff");
    expect(login?.status()).toBe(401);
    expect(login?.headers()["www-authenticate"]).toContain("form-action=\"/login\"");
    await visitor.context.close();
    await expect(resident.page.getByRole("heading", { level: 1, name: "Эта страница не для вашей роли" })).toBeVisible();
    await resident.context.close();
  });
}

for (const width of WIDTHS) {
  test(`a moderator rejects without JavaScript at ${width} px: the message by the reason, the reason kept, then the idea leaves the queue`, async ({ browser }) => {
    const resident = await withoutScripts(browser, "egor@example.org", width);
    await resident.page.goto(OPEN_PROJECT);
    const join = resident.page.getByRole("button", { name: "Присоединиться к проекту" });
    if (await join.count()) await join.click();
    const title = `Скидки без скриптов ${Date.now()}`;
    await resident.page.locator("#idea-direction").selectOption({ label: "Набережные" });
    await resident.page.getByLabel("Заголовок").fill(title);
    await resident.page.getByLabel("Описание идеи").fill("Приходите в наш магазин у набережной, у нас скидки!");
    await resident.page.getByRole("button", { name: "Отправить идею" }).click();
    await expect(resident.page.getByText(title).first()).toBeVisible();
    await resident.context.close();

    const moderator = await withoutScripts(browser, "moderator@example.org", width);
    await moderator.page.goto("/moderation");
    const item = () => moderator.page.locator(".queue-item", { hasText: title });
    await item().locator(".reject summary").click();
    await item().locator(".reject").getByLabel("Причина").fill("<b>Реклама</b>");
    await item().locator(".reject").getByRole("button", { name: "Отклонить" }).click();
    await expect(moderator.page).toHaveURL(/\/moderation\?/);
    // Back with the form open, the message next to the reason, and the reason as typed.
    await expect(item().locator(".reject .field-error")).toHaveText("HTML-разметка не допускается: пишите обычным текстом.");
    await expect(item().locator(".reject").getByLabel("Причина")).toHaveValue("<b>Реклама</b>");
    await item().locator(".reject").getByLabel("Причина").fill("Это реклама, а не идея для города.");
    await item().locator(".reject").getByRole("button", { name: "Отклонить" }).click();
    await expect(moderator.page.getByRole("heading", { level: 1, name: "Очередь модерации" })).toBeVisible();
    await expect(moderator.page.locator(".queue-item", { hasText: title })).toHaveCount(0);

    // Officials propose nothing: their "my ideas" is a refusal, not a page with an error in it.
    const mine = await moderator.page.goto("/my/ideas");
    expect(mine?.status()).toBe(403);
    await expect(moderator.page.getByRole("heading", { level: 1, name: "Эта страница не для вашей роли" })).toBeVisible();
    await moderator.context.close();
  });
}

for (const width of WIDTHS) {
  test(`an expert scores without JavaScript at ${width} px: a message keeps the chosen scores, then they are saved`, async ({ browser }) => {
    // Two experts, one per width: each scores the idea once.
    const expert = width === 360 ? "expert3@example.org" : "expert2@example.org";
    const { context, page } = await withoutScripts(browser, expert, width);
    await page.goto("/commission/city-by-the-water");
    // The idea is under another direction's tab: a plain link.
    await page.getByRole("navigation", { name: "Направления" }).getByRole("link", { name: /Парки и пруды/ }).click();
    const card = page.locator("article.judged", { hasText: "Речной трамвай круглый год" });
    await card.getByLabel("Актуальность").selectOption("4");
    await card.getByLabel("Реализуемость").selectOption("3");
    await card.getByLabel("Польза").selectOption("5");
    await card.getByLabel("Комментарий к оценке").fill("x");
    await card.getByRole("button", { name: "Оценить" }).click();
    await expect(page).toHaveURL(/\/commission\/city-by-the-water\?direction=\d+&__path=/);
    await expect(card.getByText("Слишком коротко.")).toBeVisible();
    await expect(card.getByLabel("Актуальность")).toHaveValue("4");
    await expect(card.getByLabel("Реализуемость")).toHaveValue("3");
    await expect(card.getByLabel("Комментарий к оценке")).toHaveValue("x");
    await card.getByLabel("Комментарий к оценке").fill("Нужен зимний маршрут и причалы");
    await card.getByRole("button", { name: "Оценить" }).click();
    // Saved: the form now changes her scores, and shows them as she gave them.
    await expect(card.getByRole("button", { name: "Изменить оценку" })).toBeVisible();
    await expect(card.getByLabel("Польза")).toHaveValue("5");
    await expect(card.getByLabel("Комментарий к оценке")).toHaveValue("Нужен зимний маршрут и причалы");
    await context.close();
  });
}

for (const width of WIDTHS) {
  test(`a resident reports an idea without JavaScript at ${width} px: an empty reason comes back by its field, then the report is sent`, async ({ browser }) => {
    const reporter = width === 360 ? "zhanna@example.org" : "daria@example.org";
    const { context, page } = await withoutScripts(browser, reporter, width);
    await page.goto("/ideas/2");
    const report = page.locator("details.report").first();
    await report.locator("summary").click();
    await report.getByRole("button", { name: "Отправить жалобу" }).click();
    await expect(page).toHaveURL(/\/ideas\/2\?/);
    // Only the form that was posted opens again, with its message; the comments' report forms stay shut.
    await expect(report).toHaveAttribute("open", "");
    await expect(report.locator(".field-error")).toHaveText("Заполните это поле.");
    await expect(page.locator("details.report[open]")).toHaveCount(1);
    await report.getByLabel("Что не так? Модераторы прочтут причину.").fill("Реклама вместо идеи");
    await report.getByRole("button", { name: "Отправить жалобу" }).click();
    await expect(page).toHaveURL(/\/ideas\/2$/);
    await expect(page.getByRole("status").filter({ hasText: "Жалоба отправлена модераторам." })).toBeVisible();
    await context.close();
  });
}

for (const width of WIDTHS) {
  test(`a resident supports and comments an idea without JavaScript at ${width} px`, async ({ browser }) => {
    const resident = width === 360 ? "vera@example.org" : "egor@example.org";
    const { context, page } = await withoutScripts(browser, resident, width);
    await page.goto(OPEN_PROJECT);
    const links = await page.locator(".idea-title a").evaluateAll(
      (as) => as.map((a) => a.getAttribute("href") ?? ""),
    );
    // The first idea he did not write (an author's own buttons are disabled).
    let idea = "";
    for (const href of links) {
      await page.goto(href);
      if (await page.locator("button.vote.support").isEnabled()) {
        idea = href;
        break;
      }
    }
    expect(idea).not.toBe("");
    await page.locator("button.vote.support").click();
    await expect(page).toHaveURL(new RegExp(`${idea}$`));
    await expect(page.getByRole("status").filter({ hasText: "Ваш голос учтён." })).toBeVisible();
    await expect(page.locator("button.vote.support")).toHaveAttribute("aria-pressed", "true");
    const text = `Поддерживаю, без скриптов ${Date.now()}`;
    await page.getByLabel("Ваш комментарий").fill(text);
    await page.locator(".comments > .comment-form").getByRole("button", { name: "Отправить" }).click();
    await expect(page).toHaveURL(new RegExp(`${idea}$`));
    await expect(page.getByRole("status").filter({ hasText: "Комментарий отправлен." })).toBeVisible();
    await expect(page.locator(".comment-text", { hasText: text })).toBeVisible();
    // A refused reply comes back in its own form, open; the comment form above it says nothing.
    const thread = page.locator("li.comment", { hasText: text }).first();
    await thread.locator(".reply-form summary").click();
    await thread.locator(".reply-form").getByRole("button", { name: "Отправить" }).click();
    await expect(page).toHaveURL(new RegExp(`${idea}\\?`));
    await expect(thread.locator(".reply-form")).toHaveAttribute("open", "");
    await expect(thread.locator(".reply-form .field-error")).toHaveText("Заполните это поле.");
    await expect(page.locator(".comments > .comment-form .field-error")).toBeEmpty();
    await context.close();
  });
}

for (const width of WIDTHS) {
  test(`a new resident registers and votes on the shortlist without JavaScript at ${width} px`, async ({ browser }) => {
    const { context, page } = await withoutScripts(browser, undefined, width);
    const vote = "/projects/park-next-door/vote";
    const email = `nojs-${width}-${Date.now()}@example.org`;
    await page.goto(`/register?next=${encodeURIComponent(vote)}`);
    // A password too short comes back by its field, with what was typed kept.
    await page.getByLabel("Электронная почта").fill(email);
    await page.getByLabel("Имя на сайте").fill("Без скриптов");
    await page.getByLabel("Пароль").fill("short");
    await page.getByRole("button", { name: "Зарегистрироваться" }).click();
    await expect(page).toHaveURL(/\/register\?/);
    await expect(page.locator("#field-password-error")).not.toBeEmpty();
    await expect(page.getByLabel("Электронная почта")).toHaveValue(email);
    await page.getByLabel("Пароль").fill("long enough password");
    await page.getByRole("button", { name: "Зарегистрироваться" }).click();
    await page.waitForURL("**/register/sent");
    await page.goto(confirmationLink(email));
    await page.getByRole("button", { name: "Подтвердить и войти" }).click();
    await page.waitForURL(`**${vote}`);

    // The ballot: nothing chosen is refused next to the choices; two ideas confirmed give a receipt.
    await page.getByRole("button", { name: "Подтвердить голос" }).click();
    await expect(page).toHaveURL(/\/vote/);
    await expect(page.locator("#ballot-error")).not.toBeEmpty();
    await page.getByLabel("Площадка для малышей у школы").check();
    await page.getByLabel("Освещённая тропа к метро").check();
    await page.getByRole("button", { name: "Подтвердить голос" }).click();
    await expect(page).toHaveURL(new RegExp(`${vote}$`));
    await expect(page.locator(".ballot-status")).toContainText("Ваш голос учтён.");
    await expect(page.getByLabel("Площадка для малышей у школы")).toBeChecked();
    await expect(page.locator(".receipt-code")).toHaveText(/^[0-9a-f]{64}$/);
    await context.close();
  });
}
