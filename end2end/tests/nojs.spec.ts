// Forms posted before the page is hydrated (a slow phone, a lazy chunk still loading, scripts off) work as
// plain HTML forms: each kind ends back on its page with the outcome or the messages next to the fields,
// never on a bare error.
import { test, expect, type Browser } from "@playwright/test";
import { OPEN_PROJECT } from "./helpers";

/** A browser without JavaScript at a phone's width, logged in as `email` when given. */
async function withoutScripts(browser: Browser, email?: string) {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
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

test("logging in without JavaScript: a wrong password comes back as a message, the right one goes on", async ({ browser }) => {
  const { context, page } = await withoutScripts(browser);
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

test("a resident joins and proposes without JavaScript; markup comes back as a field message", async ({ browser }) => {
  const { context, page } = await withoutScripts(browser, "gleb@example.org");
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
  const title = `Фонтанчики без скриптов ${Date.now()}`;
  await page.locator("#idea-direction").selectOption({ label: "Набережные" });
  await page.getByLabel("Заголовок").fill(title);
  await page.getByLabel("Описание идеи").fill("Питьевые фонтанчики вдоль всей набережной.");
  await page.getByRole("button", { name: "Отправить идею" }).click();
  await expect(page.getByText(title).first()).toBeVisible();
  await context.close();
});

test("an official's form without JavaScript: messages on the staff page, the refusal for a resident", async ({ browser }) => {
  const staff = await withoutScripts(browser, "staff@example.org");
  await staff.page.goto("/staff");
  await staff.page.getByLabel("Адрес (латиницей)").fill("Bad Slug");
  await staff.page.getByRole("button", { name: "Создать черновик" }).click();
  await expect(staff.page).toHaveURL(/\/staff\?/);
  await expect(staff.page.locator("#field-slug-error")).toHaveText("Только строчные латинские буквы, цифры и дефисы.");
  await staff.context.close();

  // A resident whose session ended up on an official's form (an old tab): the refusal page, 403.
  const resident = await withoutScripts(browser, "anna@example.org");
  const reply = await resident.page.goto("/staff");
  expect(reply?.status()).toBe(403);
  await expect(resident.page.getByRole("heading", { level: 1, name: "Эта страница не для вашей роли" })).toBeVisible();
  await resident.context.close();
});
