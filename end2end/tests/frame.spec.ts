// The frame every page shares, at a phone's width and a desktop's: a one-line header whose menu opens by
// keyboard and without JavaScript, and the refusal pages (401, 403) officials' pages give everyone else.
import { test, expect, type Page } from "@playwright/test";
import { OPEN_PROJECT, hydrated, loginAs, shot } from "./helpers";

const WIDTHS = [360, 1280];

/** The header's height in CSS pixels. */
async function headerHeight(page: Page) {
  const box = await page.locator(".site-header").boundingBox();
  if (!box) throw new Error("no header");
  return box.height;
}

for (const width of WIDTHS) {
  test(`the header stays one line at ${width} px for a visitor and for an official`, async ({ browser }) => {
    const viewport = { width, height: 740 };
    const visitor = await browser.newContext({ viewport });
    const page = await visitor.newPage();
    await page.goto(OPEN_PROJECT);
    await hydrated(page);
    expect(await headerHeight(page)).toBeLessThanOrEqual(64);
    await visitor.close();

    const { context, page: admin } = await loginAs(browser, "admin@example.org", "/staff", { viewport });
    expect(await headerHeight(admin)).toBeLessThanOrEqual(64);
    // The menu holds the workspaces, the account, the language switch and logging out.
    const menu = admin.locator(".site-header .menu");
    await expect(menu.getByRole("link", { name: "Модерация" })).toBeHidden();
    await menu.locator("summary").click();
    await expect(menu.getByRole("link", { name: "Модерация" })).toBeVisible();
    await expect(menu.getByRole("link", { name: "Switch to English" })).toBeVisible();
    await expect(menu.getByRole("button", { name: "Выйти" })).toBeVisible();
    expect(await headerHeight(admin), "the open menu floats over the page").toBeLessThanOrEqual(64);
    const scroll = await admin.evaluate(() => document.documentElement.scrollWidth);
    expect(scroll).toBeLessThanOrEqual(width);
    await context.close();
  });
}

test("the menu opens from the keyboard", async ({ page }) => {
  await page.goto(OPEN_PROJECT);
  await hydrated(page);
  const summary = page.locator(".site-header .menu summary");
  await summary.focus();
  await page.keyboard.press("Enter");
  const register = page.locator(".site-header .menu").getByRole("link", { name: "Регистрация" });
  await expect(register).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(register).toBeFocused();
});

test("the menu opens without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await page.goto(OPEN_PROJECT);
  await page.locator(".site-header .menu summary").click();
  await page.getByRole("link", { name: "Switch to English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: "City by the water" })).toBeVisible();
  await context.close();
});

for (const width of WIDTHS) {
  test(`officials' pages refuse visitors (401) and other roles (403) at ${width} px`, async ({ browser }) => {
    const viewport = { width, height: 740 };
    const visitor = await browser.newContext({ viewport });
    const page = await visitor.newPage();
    for (const path of ["/staff", "/moderation", "/commission"]) {
      const reply = await page.goto(path);
      expect(reply?.status(), path).toBe(401);
      await expect(page.getByRole("heading", { level: 1, name: "Войдите, чтобы открыть эту страницу" })).toBeVisible();
      await expect(page.locator("main form")).toHaveCount(0);
      await expect(page.locator("main").getByRole("link", { name: "Войти" })).toHaveAttribute("href", `/login?next=${path}`);
    }
    // The login link brings the visitor back to the page they wanted.
    await hydrated(page);
    await page.locator("main").getByRole("link", { name: "Войти" }).click();
    await page.getByLabel("Электронная почта").fill("moderator@example.org");
    await page.getByLabel("Пароль").fill("demo-password");
    await page.getByRole("button", { name: "Войти" }).click();
    await page.waitForURL("**/commission");
    await hydrated(page);
    await expect(page.getByRole("heading", { level: 1, name: "Эта страница не для вашей роли" })).toBeVisible();
    await expect(page.locator("main")).toContainText("модератор");
    const reply = await page.goto("/staff");
    expect(reply?.status()).toBe(403);
    await expect(page.locator("main form")).toHaveCount(0);
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scroll).toBeLessThanOrEqual(width);
    await visitor.close();

    const { context, page: resident } = await loginAs(browser, "anna@example.org", "/", { viewport });
    const refused = await resident.goto("/moderation");
    expect(refused?.status()).toBe(403);
    await expect(resident.locator("main")).toContainText("житель");
    await context.close();
  });
}

for (const width of WIDTHS) {
  test(`results charts keep legible labels at ${width} px, and one day is one narrow column`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width, height: 740 } });
    const page = await context.newPage();
    for (const path of [`${OPEN_PROJECT}/results`, "/projects/culture-online/results"]) {
      await page.goto(path);
      const labels = page.locator(".chart :is(.hbar-label, .hbar-value, .column-day, .column-value, .columns-axis)");
      expect(await labels.count(), path).toBeGreaterThan(0);
      const sizes = await labels.evaluateAll((els) => els.map((e) => parseFloat(getComputedStyle(e).fontSize)));
      expect(Math.min(...sizes), path).toBeGreaterThanOrEqual(12);
      const columns = await page.locator(".day-chart .column").evaluateAll((els) => els.map((e) => e.getBoundingClientRect().width));
      expect(columns.length, path).toBeGreaterThan(0);
      expect(Math.max(...columns), `${path}: a day is a column, not a block`).toBeLessThanOrEqual(56);
      // The data stays available as a table; the open data are explained on the site itself.
      await expect(page.locator("figure.chart table.data")).toHaveCount(2);
      await expect(page.locator("a[href^='/open-data?project=']")).toHaveCount(1);
      const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scroll).toBeLessThanOrEqual(width);
    }
    await page.locator("a[href^='/open-data?project=']").click();
    await expect(page.getByRole("heading", { level: 1, name: "Открытые данные" })).toBeVisible();
    for (const dataset of ["ideas", "implementation"]) {
      await expect(page.locator(`a[href='/projects/culture-online/export/${dataset}.csv']`)).toHaveCount(1);
    }
    for (const endpoint of ["/api/v1/projects/culture-online/results", "/api/v1/built?project=culture-online"]) {
      const api = await page.request.get(endpoint);
      expect(api.status(), endpoint).toBe(200);
    }
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scroll).toBeLessThanOrEqual(width);
    await context.close();
  });
}

for (const width of WIDTHS) {
  test(`project cards show a cover, the phase and a running project's time left at ${width} px`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width, height: 740 } });
    const page = await context.newPage();
    await page.goto("/");
    await hydrated(page);
    const card = page.locator(".project-card", { has: page.getByRole("link", { name: "Город у воды" }) });
    const cover = card.locator("img.card-cover");
    await expect(cover).toHaveAttribute("src", "/covers/city-by-the-water.svg");
    await cover.scrollIntoViewIfNeeded();
    await expect.poll(() => cover.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    // The first cover under the heading is fetched at once and first (the phone's largest paint); the
    // others only when scrolled to.
    const covers = page.locator("img.card-cover");
    await expect(covers.first()).toHaveAttribute("loading", "eager");
    await expect(covers.first()).toHaveAttribute("fetchpriority", "high");
    await expect(covers.nth(1)).toHaveAttribute("loading", "lazy");
    await expect(page.locator("img.card-cover[fetchpriority]")).toHaveCount(1);
    await expect(card.locator(".badge")).toHaveText("идёт");
    await expect(card.locator(".time-left")).toHaveText(/^осталось \d+ (дн\.|ч)$/);
    await shot(page, `home-${width}`);

    // The catalogue: every archived project with a picture and a sentence of its own.
    await page.goto("/projects");
    const cards = page.locator(".project-card");
    expect(await cards.count()).toBeGreaterThanOrEqual(12);
    await expect(page.locator(".project-card img.card-cover")).toHaveCount(await cards.count());
    const summaries = await cards.locator("h3 + p").allTextContents();
    expect(new Set(summaries).size).toBe(summaries.length);
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scroll).toBeLessThanOrEqual(width);
    await shot(page, `catalogue-${width}`);
    await context.close();
  });
}

for (const width of WIDTHS) {
  test(`nothing moves when the covers arrive late, on home and on the project page, at ${width} px`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width, height: 740 } });
    const page = await context.newPage();
    // Every layout shift of the page from its first byte (as Lighthouse's CLS adds them up).
    await page.addInitScript(() => {
      (window as unknown as { shifted: number }).shifted = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) {
          if (!e.hadRecentInput) (window as unknown as { shifted: number }).shifted += e.value;
        }
      }).observe({ type: "layout-shift", buffered: true });
    });
    // The pictures come well after the page has been painted, as on a slow line.
    await page.route("**/covers/**", async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    for (const [path, cover] of [["/", "img.card-cover"], [OPEN_PROJECT, "img.cover"]]) {
      await page.goto(path);
      await hydrated(page);
      const first = page.locator(cover).first();
      await expect.poll(() => first.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), {
        timeout: 10_000,
      }).toBeGreaterThan(0);
      // One more frame, for a shift the picture causes to be recorded.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100))));
      const shifted = await page.evaluate(() => (window as unknown as { shifted: number }).shifted);
      expect(shifted, `${path}: the page's layout shift once its cover has arrived`).toBeLessThan(0.01);
    }
    await context.close();
  });
}
