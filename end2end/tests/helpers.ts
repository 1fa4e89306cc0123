// Shared steps of the browser tests.
import { expect, type Page, type Browser, type BrowserContextOptions } from "@playwright/test";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

export const OPEN_PROJECT = "/projects/city-by-the-water";

/** Waits until the page is hydrated: its last island sets `data-hydrated` on <body>, and islands hydrate in
 * the order of the document, a lazy one once its chunk has arrived (a click before that would post its
 * form without JavaScript). */
export async function hydrated(page: Page) {
  await page.locator("body[data-hydrated]").waitFor();
}

/** A new browser context (with `options`) logged in as a demo account (password `demo-password`), on page `next`. */
export async function loginAs(browser: Browser, email: string, next: string, options: BrowserContextOptions = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await hydrated(page);
  await page.getByLabel("Электронная почта").fill(email);
  await page.getByLabel("Пароль").fill("demo-password");
  await page.getByRole("button", { name: "Войти" }).click();
  await page.waitForURL(`**${next}`);
  await hydrated(page);
  return { context, page };
}

/** The path of the newest confirmation link e-mailed to `email` (the server's outbox is a folder of .eml files). */
export function confirmationLink(email: string): string {
  const outbox = join(process.env.CROWD_DATA_DIR ?? "", "outbox");
  const mails = readdirSync(outbox)
    .map((name) => join(outbox, name))
    .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs)
    .map((path) => readFileSync(path, "utf8"))
    .filter((text) => text.includes(`To: ${email}\r\n`));
  const link = mails.reverse().map((text) => text.match(/\/confirm\?token=[A-Za-z0-9_-]+/)).find(Boolean);
  if (!link) throw new Error(`no confirmation link for ${email} in ${outbox}`);
  return link[0];
}

/** Registers `email` through the form and opens the e-mailed link; the browser ends on `next`, logged in. */
export async function register(page: Page, email: string, name: string, next: string) {
  await page.goto(`/register?next=${encodeURIComponent(next)}`);
  await hydrated(page);
  await page.getByLabel("Электронная почта").fill(email);
  await page.getByLabel("Имя на сайте").fill(name);
  await page.getByLabel("Пароль").fill("long enough password");
  await page.getByRole("button", { name: "Зарегистрироваться" }).click();
  await page.waitForURL("**/register/sent");
  await expect(page.getByRole("heading", { name: "Проверьте почту" })).toBeVisible();
  await page.goto(confirmationLink(email));
  await hydrated(page);
  await page.getByRole("button", { name: "Подтвердить и войти" }).click();
  await page.waitForURL(`**${next}`);
  await hydrated(page);
}

/** A new browser context with a freshly registered resident who has joined the open project. */
export async function registerAndJoin(browser: Browser, name: string, options: BrowserContextOptions = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const email = `resident-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`;
  await register(page, email, name, OPEN_PROJECT);
  await page.getByRole("button", { name: "Присоединиться к проекту" }).click();
  await expect(page.getByText("Вы участник проекта.")).toBeVisible();
  return { context, page };
}

/** Whether the page fits its viewport's width (no sideways scrolling). */
export async function fitsWidth(page: Page, width: number) {
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scroll).toBeLessThanOrEqual(width);
}

/** A full-page screenshot of what the test checked: kept with the test's results, and written to docs/img
 * for the guides when `make docs-screenshots` runs (not on every run, so the working tree stays clean). */
export async function shot(page: Page, name: string) {
  // Pictures below the fold load lazily: a full-page picture needs them all, loaded now.
  await page
    .evaluate(async () => {
      const images = [...document.images];
      for (const image of images) image.loading = "eager";
      await Promise.all(images.map((i) => (i.complete ? null : i.decode().catch(() => null))));
    })
    .catch(() => {});
  await page.screenshot({ path: join("test-results", "shots", `${name}.png`), fullPage: true });
  if (process.env.CROWD_DOCS_SCREENSHOTS) {
    await page.screenshot({ path: join("..", "docs", "img", `${name}.png`), fullPage: true });
  }
}

/** A `datetime-local` value in Moscow time, `minutes` from now. */
export function moscow(minutes: number): string {
  const at = new Date(Date.now() + minutes * 60_000);
  const text = new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Europe/Moscow",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(at);
  return text.replace(" ", "T");
}
