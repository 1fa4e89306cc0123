// Staff build a project in the browser: texts, a stage, a direction, a commission member; preview it as
// residents will see it; share a preview link and revoke it; schedule it and watch it appear on the
// catalogue by itself. The screenshots illustrate docs/staff-guide.md.
import { test, expect } from "@playwright/test";
import { hydrated, moscow, shot } from "./helpers";

test("staff build, preview, share and schedule a project", async ({ browser }) => {
  test.setTimeout(150_000);
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  await page.goto("/login?next=%2Fstaff");
  await hydrated(page);
  await page.getByLabel("Электронная почта").fill("staff@example.org");
  await page.getByLabel("Пароль").fill("demo-password");
  await page.getByRole("button", { name: "Войти" }).click();
  await page.waitForURL("**/staff");
  await hydrated(page);

  const slug = `clean-air-${Date.now()}`;
  const title = `Чистый воздух ${Date.now()}`;
  await page.getByLabel("Адрес (латиницей)").fill("Bad Slug");
  await page.getByRole("button", { name: "Создать черновик" }).click();
  await expect(page.locator("#field-slug-error")).toHaveText("Только строчные латинские буквы, цифры и дефисы.");
  await page.getByLabel("Адрес (латиницей)").fill(slug);
  await page.getByLabel("Название (рус.)").fill(title);
  await page.getByLabel("Название (англ.)").fill("Clean air");
  await page.getByLabel("Кратко (рус.)").fill("Идеи о том, как сделать воздух чище.");
  await page.getByLabel("Кратко (англ.)").fill("Ideas for cleaner air in the city.");
  await page.getByLabel("Описание (рус.)").fill("Предложите меры: от озеленения до транспорта.");
  await page.getByLabel("Описание (англ.)").fill("Propose measures: from greenery to transport.");
  await shot(page, "staff-new-project");
  await page.getByRole("button", { name: "Создать черновик" }).click();
  await page.waitForURL(/\/staff\/projects\/\d+$/);
  await hydrated(page);
  const editor = page.url();

  // A stage whose end comes before its start is refused next to the field.
  const newStage = page.locator(".stage-row.new");
  await newStage.getByLabel("Этап").selectOption("ideas");
  await newStage.getByLabel("Начало (МСК)").fill(moscow(60 * 24 * 3));
  await newStage.getByLabel("Окончание (МСК)").fill(moscow(60 * 24 * 2));
  await newStage.getByRole("button", { name: "Добавить" }).click();
  await expect(newStage.locator(".field-error").nth(2)).toHaveText("Окончание должно быть позже начала.");
  await newStage.getByLabel("Начало (МСК)").fill(moscow(60 * 24 * 2));
  await newStage.getByLabel("Окончание (МСК)").fill(moscow(60 * 24 * 12));
  await newStage.getByRole("button", { name: "Добавить" }).click();
  await expect(page.locator(".stage-row:not(.new)")).toHaveCount(1);

  await page.locator("#direction-title-ru").fill("Транспорт");
  await page.locator("#direction-title-en").fill("Transport");
  await page.locator("#direction-title-en").press("Enter");
  await expect(page.locator(".rows li", { hasText: "Транспорт" })).toBeVisible();
  await page.locator(".rename summary").first().click();
  await page.locator('.rename input[name="title_ru"]').first().fill("Общественный транспорт");
  await page.locator(".rename").first().getByRole("button", { name: "Сохранить" }).click();
  await expect(page.locator(".history li").first()).toContainText("Направление переименовано: Транспорт → Общественный транспорт");

  await page.getByLabel("Имя (рус.)").fill("Павел Смирнов");
  await page.getByLabel("Имя (англ.)").fill("Pavel Smirnov");
  await page.getByLabel("Должность (рус.)").fill("Главный эколог");
  await page.getByLabel("Должность (англ.)").fill("Chief ecologist");
  await page.getByRole("button", { name: "Добавить" }).last().click();
  await expect(page.locator(".rows strong", { hasText: "Павел Смирнов" })).toBeVisible();
  await expect(page.locator(".history li").first()).toContainText("Член комиссии добавлен: Павел Смирнов");
  await shot(page, "staff-editor");

  // A member is edited in place; the unsaved edit can be previewed first.
  const member = page.locator(".rows li", { hasText: "Павел Смирнов" });
  await member.locator("summary", { hasText: "Изменить" }).click();
  await member.getByLabel("Должность (рус.)").fill("Министр экологии");
  await member.getByRole("button", { name: "Предпросмотр" }).click();
  await expect(page.locator(".preview-changes .commission")).toContainText("Министр экологии");
  await page.getByRole("button", { name: "Закрыть предпросмотр" }).click();
  await expect(page.locator(".preview-changes")).toHaveCount(0);
  await member.getByRole("button", { name: "Сохранить" }).click();
  await expect(page.locator(".history li").first()).toContainText("Должность (рус.): Главный эколог → Министр экологии");
  // The commission's criteria: the default three, a fourth added (both languages required).
  const criteria = page.locator(".criteria-form");
  await expect(criteria.getByLabel("Критерий 1: Название (рус.)")).toHaveValue("Актуальность");
  await criteria.getByLabel("Критерий 4: Название (рус.)").fill("Стоимость");
  await criteria.getByRole("button", { name: "Сохранить" }).click();
  await expect(criteria.locator("#criteria-error")).toHaveText("Заполните это поле.");
  await criteria.getByLabel("Критерий 4: Название (англ.)").fill("Cost");
  await criteria.getByRole("button", { name: "Сохранить" }).click();
  await expect(criteria.getByLabel("Критерий 6: Название (рус.)")).toBeVisible();
  await expect(criteria.getByLabel("Критерий 4: Название (англ.)")).toHaveValue("Cost");
  // So can an unsaved stage: the preview's timeline shows the new stage, and nothing is stored.
  await newStage.getByLabel("Этап").selectOption("review");
  await newStage.getByLabel("Начало (МСК)").fill(moscow(60 * 24 * 13));
  await newStage.getByLabel("Окончание (МСК)").fill(moscow(60 * 24 * 20));
  await newStage.getByRole("button", { name: "Предпросмотр" }).click();
  await expect(page.locator(".preview-changes .stages li")).toHaveCount(2);
  await expect(page.locator(".stage-row:not(.new)")).toHaveCount(1);

  // Unsaved changes can be previewed; nothing is saved until "Save".
  await page.locator("#field-title_ru").fill(`${title} (черновик)`);
  await page.getByRole("button", { name: "Предпросмотр изменений (без сохранения)" }).click();
  await expect(page.locator(".preview-changes h1")).toHaveText(`${title} (черновик)`);
  await expect(page.locator(".preview-changes .preview-banner")).toBeVisible();
  await page.reload();
  await hydrated(page);
  await expect(page.locator("#field-title_ru")).toHaveValue(title);

  // Preview as a resident.
  await page.getByRole("link", { name: "Посмотреть как житель" }).click();
  await expect(page.locator(".preview-banner")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const previewText = await page.locator("article.project").innerText();
  await shot(page, "staff-preview");

  // A shared link works for someone without an account, until it is revoked. Back to the editor, a fresh
  // load (no router in the browser): wait for the editor's code, because clicked before its lazy chunk has
  // hydrated the form, the button would post without JavaScript (tested in nojs.spec.ts) and show no new
  // link in place.
  await page.goBack();
  await page.waitForURL(editor);
  await hydrated(page);
  await page.getByRole("button", { name: "Создать ссылку" }).click();
  const link = await page.locator("a.new-preview-link").getAttribute("href");
  const guest = await browser.newContext();
  const guestPage = await guest.newPage();
  await guestPage.goto(link!);
  await expect(guestPage.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await page.getByRole("button", { name: "Отозвать" }).click();
  await expect(page.getByText("отозвана", { exact: true })).toBeVisible();
  await guestPage.reload();
  await expect(guestPage.getByText("Ссылка больше не действует")).toBeVisible();

  // Scheduled for the next minute, the project appears on the catalogue by itself.
  await page.locator("#schedule-at").fill(moscow(1));
  await page.getByRole("button", { name: "Запланировать" }).click();
  await expect(page.locator(".badge[data-state='scheduled']")).toBeVisible();
  await guestPage.goto("/");
  await expect(guestPage.getByText(title)).toHaveCount(0);
  await expect
    .poll(async () => {
      await guestPage.goto("/");
      return guestPage.getByText(title).count();
    }, { timeout: 100_000, intervals: [2_000] })
    .toBeGreaterThan(0);

  // What residents see now equals the preview.
  await guestPage.goto(`/projects/${slug}`);
  await expect(guestPage.getByRole("heading", { level: 1, name: title })).toBeVisible();
  expect(await guestPage.locator("article.project").innerText()).toBe(previewText);
  await guest.close();
  await context.close();
});
