// Three experts of the open project's commission in three browsers: scores stay blind until one's own,
// every dashboard follows the others live, and the commission shortlists and selects an idea by majority.
import { test, expect, type Browser } from "@playwright/test";
import { loginAs } from "./helpers";

const BOARD = "/commission/city-by-the-water";
const IDEA = "Тень и скамейки на набережных";

async function expert(browser: Browser, email: string) {
  const { context, page } = await loginAs(browser, email, BOARD);
  await expect(page.getByRole("heading", { level: 1, name: "Работа комиссии" })).toBeVisible();
  return { context, page };
}

test("three experts score blind, follow each other live, shortlist and select", async ({ browser }) => {
  test.setTimeout(60_000);
  const maria = await expert(browser, "expert@example.org");
  const sergey = await expert(browser, "expert2@example.org");
  const anna = await expert(browser, "expert3@example.org");
  const card = (p: typeof maria) => p.page.locator("article.judged", { hasText: IDEA });

  // Maria scores; Sergey's dashboard shows her progress live but not her scores.
  await card(maria).getByLabel("Актуальность").selectOption("5");
  await card(maria).getByLabel("Реализуемость").selectOption("4");
  await card(maria).getByLabel("Польза").selectOption("5");
  await card(maria).getByRole("button", { name: "Оценить" }).click();
  await expect(card(maria).locator("table.scores")).toBeVisible();
  await expect(sergey.page.locator(".progress li", { hasText: "Мария Орлова" })).toContainText(/: 1 \//);
  await expect(card(sergey).locator(".blind")).toBeVisible();
  await expect(card(sergey).locator("table.scores")).toHaveCount(0);

  // Nothing is preset: a criterion left untouched stops the form (no silent 3).
  const untouched = card(sergey).getByLabel("Реализуемость");
  await expect(untouched).toHaveValue("");
  await card(sergey).getByLabel("Актуальность").selectOption("4");
  await card(sergey).getByRole("button", { name: "Оценить" }).click();
  expect(await untouched.evaluate((e: HTMLSelectElement) => e.validity.valueMissing)).toBe(true);
  await expect(card(sergey).locator(".blind")).toBeVisible();

  // Sergey scores every criterion: now he sees both, with the spread and the agreement.
  await untouched.selectOption("3");
  await card(sergey).getByLabel("Польза").selectOption("4");
  await card(sergey).getByRole("button", { name: "Оценить" }).click();
  await expect(card(sergey).locator("table.scores tbody tr")).toHaveCount(2);
  await expect(card(sergey).getByText(/Согласованность по идее/)).toBeVisible();

  // Maria shortlists it; every dashboard shows it shortlisted.
  await card(maria).getByText("В короткий список").first().click();
  await card(maria).locator(".shortlist input[name=reason]").fill("Высокие оценки экспертов");
  await card(maria).locator(".shortlist").getByRole("button", { name: "В короткий список" }).click();
  for (const who of [maria, sergey, anna]) {
    await expect(card(who).locator(".badge")).toHaveText("В коротком списке");
  }

  // A reason is required; then two of three select it.
  await card(maria).getByRole("button", { name: "Проголосовать" }).click();
  await expect(card(maria).locator(".vote-form .field-error")).toHaveText("Заполните это поле.");
  await card(maria).getByLabel("Причина").fill("Нужно жителям и недорого");
  await card(maria).getByRole("button", { name: "Проголосовать" }).click();
  await expect(card(anna).locator(".tally")).toContainText("за 1");
  await card(sergey).getByLabel("Причина").fill("Понятная польза для набережных");
  await card(sergey).getByRole("button", { name: "Проголосовать" }).click();
  for (const who of [maria, sergey, anna]) {
    await expect(card(who).locator(".badge")).toHaveText("Отобрана для реализации");
  }
  // Decided: no score form any more, even for Anna who never scored it.
  await expect(card(anna).getByRole("button", { name: "Оценить" })).toHaveCount(0);

  // The results page lists it with the reasons, and draws the charts (server-rendered HTML).
  await anna.page.goto("/projects/city-by-the-water/results");
  await expect(anna.page.locator(".ideas .idea-title", { hasText: IDEA })).toBeVisible();
  await expect(anna.page.locator("figure.chart [role=img]")).toHaveCount(2);

  // The public trail has the decisions with their reasons.
  await anna.page.goto("/projects/city-by-the-water/decisions");
  await expect(anna.page.getByText("Нужно жителям и недорого / Понятная польза для набережных")).toBeVisible();
  for (const who of [maria, sergey, anna]) {
    await who.context.close();
  }
});
