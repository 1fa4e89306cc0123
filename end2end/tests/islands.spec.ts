// Islands (docs/architecture.md, "Islands"): only the interactive parts of a page are hydrated. Forms outside
// islands (joining, logging out) are the plain posts that work without JavaScript; the resident's core loop
// on a project page and an idea's page works in place, live, in the reader's language.
import { test, expect, type Page } from "@playwright/test";
import { OPEN_PROJECT, hydrated, loginAs, registerAndJoin } from "./helpers";

/** The islands of the page, in document order, without their hashes. */
async function islandsOf(page: Page) {
  return page.locator("leptos-island").evaluateAll((all) =>
    all.map((island) => (island as HTMLElement).dataset.component?.replace(/_\d+$/, "")),
  );
}

/** Marks the page: a page that is not loaded again keeps the mark ([`notReloaded`]). */
async function mark(page: Page) {
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
}

async function notReloaded(page: Page) {
  return page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded);
}

test("the module every page loads leaves a lazy island's data to that island's chunk", async ({ page }) => {
  await page.goto("/");
  const href = await page.locator('link[rel="preload"][href$=".wasm"]').getAttribute("href");
  expect(href).toMatch(/^\/pkg\/crowd\..*\.wasm$/);
  const main = (await (await page.request.get(href!)).body()).toString("latin1");
  // What the project page's island uses is there (the module is read as served, uncompressed)...
  expect(main).toContain("/api/events?project=");
  // ...and what only the vote's island uses is not: wasm-split moved it to the vote's chunk (it keeps
  // every chunk's data in the main module when that data does not fit again; frontend/src/lib.rs).
  expect(main).not.toContain("/export/ballots.csv");
});

test("a project page hydrates only its islands (the countdown, taking part with the feed, the mark) and ships no resources; an idea's page fetches its lazy island's code", async ({ page }) => {
  const chunks: string[] = [];
  page.on("request", (request) => {
    const file = new URL(request.url()).pathname.split("/").pop() ?? "";
    if (file.startsWith("split_")) chunks.push(file.replace(/_\d+\..*$/, ""));
  });
  await page.goto(OPEN_PROJECT);
  await hydrated(page);
  expect(await islandsOf(page)).toEqual(["Countdown", "ProjectLive", "HydratedMark"]);
  // The page's data travels as the islands' props, not as the whole application's resources.
  expect(await page.evaluate(() => (window as unknown as { __RESOLVED_RESOURCES: unknown[] }).__RESOLVED_RESOURCES.length)).toBe(0);
  expect(chunks).toEqual([]);
  // The idea's rating and discussion come in a chunk of their own, fetched when a page has them.
  await page.locator(".ideas .idea-title a").first().click();
  await page.waitForURL(/\/ideas\/\d+$/);
  await hydrated(page);
  expect(await islandsOf(page)).toEqual(["IdeaLive", "HydratedMark"]);
  expect(chunks).toEqual(["split_idea_live_loader"]);
  await expect(page.locator(".comments")).toBeVisible();
});

test("two residents: the form's similar ideas, one's idea on top of her feed in place, the other's notice in English, his vote and comment in place and live on hers, the bell live", async ({
  browser,
}) => {
  const author = await registerAndJoin(browser, "Анна");
  const reader = await registerAndJoin(browser, "Борис");
  const anna = author.page;
  const boris = reader.page;
  // Boris reads in English; an island has no context from the page around it and takes <html lang>.
  await boris.goto(`/lang/en?next=${encodeURIComponent(OPEN_PROJECT)}`);
  await hydrated(boris);
  await expect(boris.locator("html")).toHaveAttribute("lang", "en");

  await mark(anna);
  await anna.getByLabel("Заголовок").fill("Скамейка на набережной");
  await expect(anna.locator(".similar").getByRole("link", { name: "Тень и скамейки на набережных" })).toBeVisible();

  const title = `Остров библиотек ${Date.now()}`;
  await anna.getByLabel("Заголовок").fill(title);
  await anna.locator("#idea-direction").selectOption({ label: "Набережные" });
  await anna.getByLabel("Описание идеи").fill("Маленькая библиотека под навесом у каждого речного причала.");
  await expect(anna.locator("#idea-title-count")).toContainText(`${title.length} / `);
  await anna.getByRole("button", { name: "Отправить идею" }).click();
  await expect(anna.locator(".ideas .idea-title").first()).toHaveText(title);
  await expect(anna.getByLabel("Заголовок")).toHaveValue("");
  expect(await notReloaded(anna)).toBe(true);

  const notice = boris.getByRole("button", { name: "1 new idea — show" });
  await expect(notice).toBeVisible();
  await notice.click();
  await expect(boris.locator(".ideas .idea-title").first()).toHaveText(title);

  // Both open the idea. His vote and his comment change his page in place and hers live; her bell rings.
  await boris.locator(".ideas .idea-title a", { hasText: title }).click();
  await boris.waitForURL(/\/ideas\/\d+$/);
  await hydrated(boris);
  await anna.goto(boris.url());
  await hydrated(anna);
  expect(await islandsOf(anna)).toEqual(["Bell", "OwnIdea", "IdeaLive", "HydratedMark"]);
  expect(await islandsOf(boris)).toEqual(["Bell", "IdeaLive", "HydratedMark"]);
  await mark(anna);
  await mark(boris);
  await boris.locator("button.vote.support").click();
  await expect(boris.locator("button.vote.support")).toHaveAttribute("aria-pressed", "true");
  await expect(anna.locator("button.vote.support .count")).toHaveText("1");
  await boris.getByLabel("Your comment").fill("A fine idea for the river.");
  await boris.getByRole("button", { name: "Send", exact: true }).click();
  await expect(boris.locator(".comment-text", { hasText: "A fine idea" })).toBeVisible();
  await expect(boris.getByLabel("Your comment")).toHaveValue("");
  await expect(anna.locator(".comment-text", { hasText: "A fine idea" })).toBeVisible();
  await expect(anna.locator(".comment-count")).toHaveText("1");
  await expect(anna.locator(".bell .unread-count")).toHaveText("1");
  expect(await notReloaded(anna)).toBe(true);
  expect(await notReloaded(boris)).toBe(true);

  await author.context.close();
  await reader.context.close();
});

test("an idea's page with an implementation record: the follow button is an island of its own and counts in place", async ({ browser }) => {
  const { context, page } = await loginAs(browser, "gleb@example.org", "/built?status=in_progress");
  const href = (await page.locator("ol.built li h2 a").first().getAttribute("href"))?.match(/\/ideas\/\d+/)?.[0] ?? "";
  expect(href).not.toBe("");
  await page.goto(href);
  await hydrated(page);
  expect(await islandsOf(page)).toEqual(["Bell", "IdeaLive", "Follow", "HydratedMark"]);
  await mark(page);
  const followers = page.locator("#implementation .followers");
  const before = Number(((await followers.textContent()) ?? "").match(/\d+/)?.[0]);
  const following = (await page.getByRole("button", { name: "Не следить" }).count()) > 0;
  await page.locator(".follow-form button").click();
  await expect(followers).toHaveText(`Следят за идеей: ${following ? before - 1 : before + 1}`);
  await expect(page.locator(".follow-form button")).toHaveText(following ? "Следить за идеей" : "Не следить");
  expect(await notReloaded(page)).toBe(true);
  await context.close();
});

test("the log-in form answers in place; a comment refused without JavaScript comes back into its island with the text and the message", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(OPEN_PROJECT);
  const idea = (await page.locator(".ideas .idea-title a").first().getAttribute("href")) ?? "";
  expect(idea).toMatch(/\/ideas\/\d+$/);

  await page.goto(`/login?next=${encodeURIComponent(idea)}`);
  await hydrated(page);
  expect(await islandsOf(page)).toEqual(["LoginForm", "HydratedMark"]);
  await mark(page);
  await page.getByLabel("Электронная почта").fill("vera@example.org");
  await page.getByLabel("Пароль").fill("not her password");
  await page.getByRole("button", { name: "Войти" }).click();
  await expect(page.locator("#field-password-error")).toHaveText("Неверная почта или пароль.");
  expect(await notReloaded(page)).toBe(true);
  await page.getByLabel("Пароль").fill("demo-password");
  await page.getByRole("button", { name: "Войти" }).click();
  await page.waitForURL(`**${idea}`);
  await hydrated(page);

  // The post a browser without scripts makes (in this context, with its session): the comment is too long.
  const long = "Очень длинный комментарий. ".repeat(80).trim();
  const answer = await context.request.post("/api/comment", {
    form: { idea_id: idea.split("/").pop() ?? "", parent_id: "", body: long },
    headers: { Accept: "text/html", Referer: page.url() },
    maxRedirects: 0,
  });
  expect(answer.status()).toBe(303);
  await page.goto(answer.headers()["location"]);
  await hydrated(page);
  // After hydration the island still shows what the page came back with.
  const form = page.locator(".comments > .comment-form");
  await expect(form.locator("textarea")).toHaveValue(long);
  await expect(form.locator(".counter")).toContainText(`${long.length} / 2000`);
  await expect(form.locator(".field-error")).toHaveText("Слишком длинно.");
  await context.close();
});
