// Trust in a real browser: pages hydrate and forms work under the Content-Security-Policy (no inline script
// runs without the response's nonce), the hydrated login page refuses a `next` that would leave the site,
// a moderator takes down an idea that was reported after it was published, and a hidden comment leaves open
// pages live.
import { test, expect } from "@playwright/test";
import { OPEN_PROJECT, hydrated, loginAs, registerAndJoin } from "./helpers";

test("pages hydrate under the content security policy, which blocks foreign inline scripts", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto(OPEN_PROJECT);
  const policy = response?.headers()["content-security-policy"] ?? "";
  expect(policy).toContain("'nonce-");
  expect(policy).toContain("frame-ancestors 'none'");
  await hydrated(page);
  expect(violations).toEqual([]);
  // An inline script without the nonce does not run.
  const ran = await page.evaluate(() => {
    const script = document.createElement("script");
    script.textContent = "window.__injected = true";
    document.body.appendChild(script);
    return (window as unknown as { __injected?: boolean }).__injected === true;
  });
  expect(ran).toBe(false);
});

for (const evil of ["/%5Cevil.example", "/%09/evil.example", "//evil.example"]) {
  test(`after logging in, next=${evil} stays on the site`, async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`/login?next=${evil}`);
    await hydrated(page);
    await page.getByLabel("Электронная почта").fill("moderator@example.org");
    await page.getByLabel("Пароль").fill("demo-password");
    await page.getByRole("button", { name: "Войти" }).click();
    await page.waitForURL((url) => url.pathname === "/" );
    expect(new URL(page.url()).host).toBe(new URL(process.env.CROWD_E2E_URL ?? "http://127.0.0.1").host);
    await context.close();
  });
}

test("a moderator takes down a reported idea that was already published", async ({ browser }) => {
  const { context, page: author } = await registerAndJoin(browser, "Автор с телефоном");
  const title = `Звоните мне 8-900-000-00-${String(Date.now()).slice(-2)}`;
  await author.locator("#idea-direction").selectOption({ label: "Набережные" });
  await author.getByLabel("Заголовок").fill(title);
  await author.getByLabel("Описание идеи").fill("Личный номер телефона в заголовке идеи, так нельзя.");
  await author.getByRole("button", { name: "Отправить идею" }).click();
  await expect(author.locator(".ideas .idea-title", { hasText: title })).toBeVisible();
  const { context: reporterContext, page: reporter } = await registerAndJoin(browser, "Внимательная соседка");
  const ideaUrl = (await reporter.locator(".ideas .idea-title a", { hasText: title }).getAttribute("href"))!;
  await reporter.goto(ideaUrl);
  await hydrated(reporter);

  // The moderator keeps it (it was published without waiting), then a report comes in and it is taken down.
  const { context: moderatorContext, page: moderator } = await loginAs(browser, "moderator@example.org", "/moderation");
  const item = moderator.locator(".queue-item", { hasText: title });
  await item.getByRole("button", { name: "Оставить" }).click();
  await expect(moderator.locator(".queue-item", { hasText: title })).toHaveCount(0);
  const form = reporter.locator("details.report").first();
  await form.locator("summary").click();
  await form.getByLabel("Что не так? Модераторы прочтут причину.").fill("Личные данные в заголовке");
  await form.getByRole("button", { name: "Отправить жалобу" }).click();
  const report = moderator.locator(".queue-item", { hasText: "Личные данные в заголовке" });
  await expect(report).toBeVisible();
  await report.getByRole("textbox").fill("Личные данные в заголовке идеи.");
  await report.getByRole("button", { name: "Снять с публикации" }).click();
  await expect(report).toHaveCount(0);

  const visitor = await browser.newContext();
  const page = await visitor.newPage();
  await page.goto(OPEN_PROJECT);
  await expect(page.getByText(title)).toHaveCount(0);
  const gone = await page.goto(ideaUrl);
  expect(gone?.status()).toBe(404);
  for (const c of [context, reporterContext, moderatorContext, visitor]) await c.close();
});

test("a comment a moderator hides leaves an open idea page without a reload", async ({ browser }) => {
  const { context, page: author } = await registerAndJoin(browser, "Автор идеи о мостах");
  const title = `Подсветка мостов ${Date.now()}`;
  await author.locator("#idea-direction").selectOption({ label: "Набережные" });
  await author.getByLabel("Заголовок").fill(title);
  await author.getByLabel("Описание идеи").fill("Подсветить пешеходные мосты тёплым светом по вечерам.");
  await author.getByRole("button", { name: "Отправить идею" }).click();
  const ideaUrl = (await author.locator(".ideas .idea-title a", { hasText: title }).getAttribute("href"))!;
  await author.goto(ideaUrl);
  await hydrated(author);
  const insult = `Грубость номер ${Date.now()}`;
  await author.getByLabel("Ваш комментарий").fill(insult);
  await author.getByRole("button", { name: "Отправить", exact: true }).click();

  const reader = await browser.newContext();
  const page = await reader.newPage();
  await page.goto(ideaUrl);
  await hydrated(page);
  await expect(page.locator(".comment-text", { hasText: insult })).toBeVisible();

  const { context: moderatorContext, page: moderator } = await loginAs(browser, "moderator@example.org", "/moderation");
  const item = moderator.locator(".queue-item", { hasText: insult });
  await item.getByRole("textbox").fill("Оскорбление в комментарии.");
  await item.getByRole("button", { name: "Скрыть" }).click();
  await expect(page.locator(".comment-text", { hasText: insult })).toHaveCount(0);
  await expect(page.locator(".comment-count")).toHaveText("0");
  for (const c of [context, reader, moderatorContext]) await c.close();
});
