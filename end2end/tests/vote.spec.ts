// The residents' vote on the commission's shortlist: a resident ticks ideas (saved as a draft as she
// goes), leaves, comes back on another device to the same draft, confirms, keeps her receipt, and anyone
// can check that receipt; a finished budget vote shows its ranking, winners and the ballots for a recount;
// staff set up a new vote on a shortlist (rule, ballot, stage) and residents vote on it at once.
import { test, expect } from "@playwright/test";
import { hydrated, loginAs, moscow, shot } from "./helpers";

const VOTE = "/projects/park-next-door/vote";

test("a resident drafts, leaves, returns elsewhere, confirms and checks her receipt", async ({ browser }) => {
  test.setTimeout(60_000);
  const first = await loginAs(browser, "anna@example.org", VOTE);
  const page = first.page;
  await expect(page.getByRole("heading", { level: 1, name: "Голосование жителей" })).toBeVisible();
  await expect(page.getByText("Итоги откроются, когда голосование закончится.")).toBeVisible();
  await page.getByLabel("Площадка для малышей у школы").check();
  await expect(page.locator(".ballot-status")).toContainText("Черновик сохранён.");
  await page.getByLabel("Освещённая тропа к метро").check();
  await expect(page.locator(".ballot-status")).toContainText("не подтверждён");
  await expect(page.locator(".ballot-summary li")).toHaveCount(2);
  await expect(page.locator(".ballot-tally").first()).toHaveText("Выбрано: 1 из 2");
  await expect(page.locator(".ballot-status")).toContainText("Черновик сохранён.");
  await first.context.close();

  // Another device: the draft is there, still not counted, until she confirms.
  const second = await loginAs(browser, "anna@example.org", VOTE, { viewport: { width: 360, height: 740 } });
  const phone = second.page;
  await expect(phone.getByLabel("Площадка для малышей у школы")).toBeChecked();
  await expect(phone.getByLabel("Освещённая тропа к метро")).toBeChecked();
  await expect(phone.getByLabel("Скалодром во дворе")).not.toBeChecked();
  await expect(phone.locator(".ballot-status")).toContainText("не подтверждён");
  await phone.getByRole("button", { name: "Подтвердить голос" }).click();
  await expect(phone.locator(".ballot-status")).toContainText("Ваш голос учтён.");
  const receipt = (await phone.locator(".receipt-code").textContent()) ?? "";
  expect(receipt).toMatch(/^[0-9a-f]{64}$/);
  await shot(phone, "vote-confirmed-360");
  await second.context.close();

  // Anyone can check the receipt, without an account.
  const visitor = await browser.newContext();
  const check = await visitor.newPage();
  await check.goto(VOTE);
  await hydrated(check);
  await check.getByLabel("Квитанция").fill(receipt);
  await check.getByRole("button", { name: "Проверить" }).click();
  await expect(check.getByText("Бюллетень с этой квитанцией учтён")).toBeVisible();
  await check.getByLabel("Квитанция").fill("0".repeat(64));
  await check.getByRole("button", { name: "Проверить" }).click();
  await expect(check.getByText("Учтённого бюллетеня с такой квитанцией нет")).toBeVisible();
  await visitor.close();
});

test("a finished budget vote ranks the ideas, names the winners and publishes the ballots", async ({ page }) => {
  await page.goto("/projects/district-budget/vote");
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 2, name: "Итоги голосования" })).toBeVisible();
  await expect(page.getByText("Подтверждённых бюллетеней: 7")).toBeVisible();
  await expect(page.locator("tr.winner")).toHaveCount(4);
  await expect(page.getByText(/идеи берутся по убыванию голосов/)).toBeVisible();
  const pb = await page.request.get(
    (await page.getByRole("link", { name: "Pabulib (.pb)" }).first().getAttribute("href")) ?? "",
  );
  expect(pb.status()).toBe(200);
  expect(await pb.text()).toContain("rule;greedy");
  const csv = await page.request.get("/projects/district-budget/export/ballots.csv");
  expect((await csv.text()).split("\r\n").filter(Boolean)).toHaveLength(8);
  await shot(page, "vote-results-1280");
});

test("staff set up a vote on the commission's shortlist, and a resident votes on it", async ({ browser }) => {
  test.setTimeout(90_000);
  const staff = await loginAs(browser, "staff@example.org", "/staff", { viewport: { width: 1200, height: 900 } });
  const page = staff.page;
  await page.getByRole("link", { name: "Тихие улицы" }).click();
  await page.waitForURL(/\/staff\/projects\/\d+$/);
  await hydrated(page);
  const panel = page.locator("section[aria-labelledby='vote-edit']");
  await expect(panel.getByText("В графике проекта нет этапа «Голосование жителей».")).toBeVisible();

  // The rule: K out of range is refused next to the field; one idea per direction is kept.
  const rules = panel.locator(".vote-rules-form");
  await rules.getByLabel("Правило").selectOption("approval");
  await rules.getByLabel(/K: сколько идей/).fill("0");
  await rules.getByRole("button", { name: "Сохранить" }).click();
  await expect(rules.locator(".field-error")).toHaveText("Значение вне допустимых пределов.");
  await rules.getByLabel(/K: сколько идей/).fill("1");
  await rules.getByRole("button", { name: "Сохранить" }).click();
  await expect(rules.locator(".field-error")).toHaveText("");

  // The ballot: the commission's shortlist (four of the five ideas), less one taken off.
  await panel.getByRole("button", { name: "Поставить в бюллетень шорт-лист комиссии" }).click();
  await expect(panel.locator(".ballot-options li")).toHaveCount(4);
  await expect(panel.locator(".ballot-options li", { hasText: "Живая изгородь вместо забора" })).toHaveCount(0);
  const wide = panel.locator(".ballot-options li", { hasText: "Широкие тротуары на Садовой" });
  await wide.getByRole("button", { name: "Убрать из бюллетеня" }).click();
  await expect(panel.locator(".ballot-options li")).toHaveCount(3);

  // The stage, after the review: from a minute ago for a week. Once it has started, the setup is fixed.
  const newStage = page.locator(".stage-row.new");
  await newStage.getByLabel("Этап").selectOption("vote");
  await newStage.getByLabel("Начало (МСК)").fill(moscow(-1));
  await newStage.getByLabel("Окончание (МСК)").fill(moscow(60 * 24 * 7));
  await newStage.getByRole("button", { name: "Добавить" }).click();
  await expect(page.locator(".stage-row:not(.new)")).toHaveCount(3);
  await page.reload();
  await hydrated(page);
  await expect(rules.getByLabel("Правило")).toBeDisabled();
  await expect(panel.getByRole("button", { name: "Убрать из бюллетеня" })).toHaveCount(0);
  await expect(panel.getByLabel(/K: сколько идей/)).toHaveValue("1");
  await staff.context.close();

  // A resident finds that ballot open: one idea per direction, the removed and unlisted ideas absent.
  const voter = await loginAs(browser, "anna@example.org", "/projects/quiet-streets/vote");
  const ballot = voter.page;
  await expect(ballot.getByText(/^Выберите до 1 /)).toBeVisible();
  await expect(ballot.getByLabel("Широкие тротуары на Садовой")).toHaveCount(0);
  await expect(ballot.getByLabel("Живая изгородь вместо забора")).toHaveCount(0);
  await ballot.getByLabel("Приподнятые переходы у школ").check();
  await expect(ballot.locator(".ballot-status")).toContainText("Черновик сохранён.");
  await ballot.getByRole("button", { name: "Подтвердить голос" }).click();
  await expect(ballot.locator(".ballot-status")).toContainText("Ваш голос учтён.");
  await voter.context.close();
});
