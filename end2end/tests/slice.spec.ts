// The foundation slice in a real browser: server-rendered pages without JavaScript, registration, joining,
// submitting an idea, the feed updating live in a second browser, field messages, the language switch and
// the 360 px phone layout.
import { test, expect } from "@playwright/test";
import { OPEN_PROJECT, hydrated, registerAndJoin } from "./helpers";

test("the project page is complete without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(OPEN_PROJECT);
  await expect(page.getByRole("heading", { level: 1, name: "Город у воды" })).toBeVisible();
  await expect(page.getByText("Тень и скамейки на набережных")).toBeVisible();
  await expect(page.getByText("Речной трамвай круглый год")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Этапы" })).toBeVisible();
  await expect(page.getByText("Текущий этап: Приём идей")).toBeVisible();
  await expect(page.getByText("Мария Орлова")).toBeVisible();
  await page.goto("/projects/culture-online");
  await expect(page.getByText("Александр Кибовский")).toBeVisible();
  await expect(page.getByText("22 июня 2020 — 25 июня 2020")).toBeVisible();
  await context.close();
});

test("a resident's page loads no chunk of the officials' lazy pages; a moderator's queue brings its own", async ({ browser }) => {
  const context = await browser.newContext();
  const wasm: string[] = [];
  context.on("request", (request) => {
    if (request.url().endsWith(".wasm")) wasm.push(new URL(request.url()).pathname);
  });
  const page = await context.newPage();
  await page.goto(OPEN_PROJECT);
  await hydrated(page);
  expect(wasm.length).toBeGreaterThan(0);
  // The officials' lazy islands' chunks are named after them (`split_moderation_live_loader_…`).
  expect(wasm.filter((path) => /split_+(new_project|editor_live|record_live|moderation_live|templates_live|board_live)/.test(path))).toEqual([]);
  // The queue's code arrives with the queue.
  await page.goto("/login?next=/moderation");
  await hydrated(page);
  await page.getByLabel("Электронная почта").fill("moderator@example.org");
  await page.getByLabel("Пароль").fill("demo-password");
  await page.getByRole("button", { name: "Войти" }).click();
  await page.waitForURL((url) => url.pathname === "/moderation");
  await hydrated(page);
  expect(wasm.some((path) => /split_+moderation_live/.test(path))).toBe(true);
  await context.close();
});

test("a resident proposes an idea and another browser sees it appear live", async ({ browser }) => {
  const watcher = await browser.newContext();
  const watching = await watcher.newPage();
  await watching.goto(OPEN_PROJECT);
  await hydrated(watching);

  const { context, page } = await registerAndJoin(browser, "Автор");
  const title = `Фонтаны у воды ${Date.now()}`;
  await page.locator("#idea-direction").selectOption({ label: "Набережные" });
  await page.getByLabel("Заголовок").fill(title);
  await page.getByLabel("Описание идеи").fill("Питьевые фонтанчики через каждые пятьсот метров набережной.");
  await page.getByRole("button", { name: "Отправить идею" }).click();
  await expect(page.getByText("Идея опубликована")).toBeVisible();
  await expect(page.locator(".ideas .idea-title", { hasText: title })).toBeVisible();

  // The other browser did not reload: the idea is announced through the live stream, and shown on request
  // (not pushed under the reader's finger).
  await watching.getByRole("button", { name: "1 новая идея — показать" }).click({ timeout: 3_000 });
  await expect(watching.locator(".ideas .idea-title").first()).toHaveText(title);
  await context.close();
  await watcher.close();
});

test("bad input gets a message next to the field and nothing is posted", async ({ browser }) => {
  const { context, page } = await registerAndJoin(browser, "Проверка");
  const before = await page.locator(".ideas .idea").count();
  await page.getByLabel("Заголовок").fill("<b>Жирный</b> заголовок");
  await page.getByRole("button", { name: "Отправить идею" }).click();
  await expect(page.locator("#idea-title-error")).toHaveText("HTML-разметка не допускается: пишите обычным текстом.");
  await expect(page.locator("#idea-body-error")).toHaveText("Заполните это поле.");
  await expect(page.locator("#idea-direction-error")).toHaveText("Заполните это поле.");
  await expect(page.getByLabel("Заголовок")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator(".ideas .idea")).toHaveCount(before);
  await context.close();
});

test("the language switch shows the page in English", async ({ page }) => {
  await page.goto(OPEN_PROJECT);
  await page.getByRole("navigation", { name: "Основная навигация" }).getByText("Меню").click();
  await page.getByRole("link", { name: "Switch to English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "City by the water" })).toBeVisible();
  await expect(page.getByText("Current stage: Idea submission")).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});

test("a 360 px phone screen never scrolls sideways", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const pages = ["/", "/projects", OPEN_PROJECT, "/projects/culture-online", "/login", "/register",
    `${OPEN_PROJECT}/ideas`, `${OPEN_PROJECT}/results`, `${OPEN_PROJECT}/decisions`];
  for (const path of pages) {
    await page.goto(path);
    await hydrated(page);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, `${path} fits 360 px`).toBeLessThanOrEqual(360);
  }
  await context.close();
});

test("hashed assets are cached for a year and pages are compressed", async ({ request }) => {
  const page = await request.get("/", { headers: { "Accept-Encoding": "br, gzip" } });
  expect(page.headers()["content-encoding"]).toMatch(/br|gzip/);
  const html = await page.text();
  const css = html.match(/href="(\/pkg\/crowd\.[^"]+\.css)"/);
  expect(css, "the stylesheet has a hashed name").not.toBeNull();
  const asset = await request.get(css![1]);
  expect(asset.status()).toBe(200);
  expect(asset.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
});
