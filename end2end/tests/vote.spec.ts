// The residents' vote on the commission's shortlist: a resident ticks ideas (saved as a draft as she
// goes), leaves, comes back on another device to the same draft, confirms, keeps her receipt, and anyone
// can check that receipt; a finished budget vote shows its ranking, winners and the ballots for a recount.
import { test, expect } from "@playwright/test";
import { hydrated, loginAs, shot } from "./helpers";

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
