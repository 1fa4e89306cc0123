// Implementation tracking: staff open the residents' vote panel, which counts a ballot confirmed
// meanwhile without a reload, and keep an idea's implementation record; a milestone they set reaches the
// idea's author's bell live, and residents read the record on the idea's page (its passport: one
// timeline from submission through the vote to the milestones ahead) and in the city's list "what was
// built".
import { test, expect } from "@playwright/test";
import { hydrated, loginAs, shot } from "./helpers";

/** The demo residents' e-mails by their names (domain/src/seed/mod.rs). */
const RESIDENTS: Record<string, string> = {
  "Анна Смирнова": "anna@example.org",
  "Борис Кузнецов": "boris@example.org",
  "Вера Попова": "vera@example.org",
  "Глеб Васильев": "gleb@example.org",
  "Дарья Соколова": "daria@example.org",
  "Егор Михайлов": "egor@example.org",
  "Жанна Новикова": "zhanna@example.org",
  "Илья Фёдоров": "ilya@example.org",
};

test("staff follow the vote live and record a milestone that reaches the author's bell live", async ({ browser }) => {
  test.setTimeout(90_000);
  // A record the demo keeps: the first idea in progress on the city's list.
  const visitor = await browser.newContext();
  const list = await visitor.newPage();
  await list.goto("/built?status=in_progress");
  await hydrated(list);
  await expect(list.getByRole("heading", { level: 1, name: "Что сделано" })).toBeVisible();
  const row = list.locator("ol.built li").first();
  const href = (await row.locator("h2 a").getAttribute("href")) ?? "";
  const idea = href.match(/\/ideas\/(\d+)/)?.[1] ?? "";
  expect(idea).not.toBe("");
  await list.goto(`/ideas/${idea}`);
  await hydrated(list);
  await expect(list.locator("#implementation")).toContainText("Выполняется");
  // Its passport: from submission through the vote it won to the milestones ahead, linked to the trail.
  await expect(list.locator(".timeline")).toContainText("Победила в голосовании жителей");
  await expect(list.locator(".timeline li.ahead")).toContainText("Работы на площадке");
  await expect(list.locator(".timeline .trail-link").first()).toHaveAttribute("href", /\/decisions#decision-\d+$/);
  const author = ((await list.locator(".idea-meta .author").first().textContent()) ?? "").trim();
  const email = RESIDENTS[author];
  expect(email, `the author ${author} is a demo resident`).toBeTruthy();
  await visitor.close();

  // The author reads the home page; her bell counts what she has not read yet.
  const reader = await loginAs(browser, email, "/");
  const bell = reader.page.locator(".bell .unread-count");
  const before = Number((await bell.textContent()) ?? "0");

  // Staff see the vote panel of a project with a vote, then keep the record.
  const staff = await loginAs(browser, "staff@example.org", "/staff");
  await staff.page.getByRole("link", { name: /Парк у дома|Park next door/ }).first().click();
  await hydrated(staff.page);
  await expect(staff.page.getByRole("heading", { level: 2, name: "Голосование жителей" })).toBeVisible();
  const counts = staff.page.locator(".vote-counts");
  await expect(counts).toContainText("Подтверждённых бюллетеней");
  const confirmed = async () => Number(((await counts.textContent()) ?? "").match(/бюллетеней: (\d+)/)?.[1] ?? "0");
  const ballots = await confirmed();
  // A resident who has not voted yet confirms a ballot; the open panel counts it without a reload.
  const voter = await loginAs(browser, "ilya@example.org", "/projects/park-next-door/vote");
  await voter.page.getByLabel("Скалодром во дворе").check();
  await voter.page.getByRole("button", { name: "Подтвердить голос" }).click();
  await expect(voter.page.locator(".ballot-status")).toContainText("Ваш голос учтён.");
  await voter.context.close();
  await expect.poll(confirmed, { timeout: 20_000 }).toBeGreaterThan(ballots);
  await staff.page.goto(`/staff/ideas/${idea}/implementation`);
  await hydrated(staff.page);
  await staff.page.getByLabel("Этап", { exact: true }).fill("Приёмка работ жителями");
  await staff.page.getByLabel("Срок").fill("2027-09-01");
  await staff.page.getByRole("button", { name: "Добавить этап" }).click();
  await expect(staff.page.locator("ul.milestones")).toContainText("Приёмка работ жителями");

  // The bell rings without a reload; the notice names the change and the idea.
  await expect(bell).toHaveText(String(before + 1));
  await reader.page.goto("/notifications");
  await hydrated(reader.page);
  await expect(reader.page.locator(".notice-item").first()).toContainText("Новый этап реализации");
  await expect(reader.page.locator(".notice-item").first()).toContainText("Приёмка работ жителями");
  await reader.page.locator(".notice-item a").first().click();
  await expect(reader.page.locator("#implementation")).toContainText("Приёмка работ жителями");
  await expect(reader.page.locator(".timeline li.ahead").last()).toContainText("Приёмка работ жителями");
  await shot(reader.page, "implementation-idea-1280");
  await reader.context.close();
  await staff.context.close();
});

test("the staff editor and an idea with its record hydrate on every reload", async ({ browser }) => {
  test.setTimeout(90_000);
  // Both pages once held a component that created a resource of its own inside the page's suspense,
  // and about one load in ten failed to hydrate (docs/architecture.md, "Code splitting").
  const { context, page } = await loginAs(browser, "staff@example.org", "/staff/projects/1");
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto("/built?status=done");
  const idea = (await page.locator("ol.built li h2 a").first().getAttribute("href")) ?? "";
  expect(idea).toMatch(/^\/ideas\/\d+#implementation$/);
  for (let round = 0; round < 10; round++) {
    for (const path of ["/staff/projects/1", idea]) {
      await page.goto(path);
      await hydrated(page);
    }
  }
  await expect(page.locator("#implementation")).toBeVisible();
  expect(errors).toEqual([]);
  await context.close();
});
