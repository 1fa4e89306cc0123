// The islands flavour (docs/islands-plan.md): only the interactive parts of a page are hydrated. Forms outside
// islands (registering, joining, commenting) are the plain posts that work without JavaScript; the resident's
// core loop on a project page works in place, live, in the reader's language.
import { test, expect } from "@playwright/test";
import { OPEN_PROJECT, hydrated, registerAndJoin } from "../tests/helpers";

test("a project page hydrates only its islands (the countdown, taking part with the feed, the mark) and ships no resources", async ({ page }) => {
  await page.goto(OPEN_PROJECT);
  await hydrated(page);
  const islands = await page.locator("leptos-island").evaluateAll((all) =>
    all.map((island) => (island as HTMLElement).dataset.component?.replace(/_\d+$/, "")),
  );
  expect(islands).toEqual(["Countdown", "ProjectLive", "HydratedMark"]);
  // The page's data travels as the islands' props, not as the whole application's resources.
  expect(await page.evaluate(() => (window as unknown as { __RESOLVED_RESOURCES: unknown[] }).__RESOLVED_RESOURCES.length)).toBe(0);
});

test("two residents: the form's similar ideas, one's idea on top of her feed in place, the other's notice in English, the bell live", async ({
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

  // A page that was not loaded again keeps this mark.
  await anna.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
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
  expect(await anna.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

  const notice = boris.getByRole("button", { name: "1 new idea — show" });
  await expect(notice).toBeVisible();
  await notice.click();
  await expect(boris.locator(".ideas .idea-title").first()).toHaveText(title);

  // Boris comments on the idea (a plain post here); Anna's bell counts it without a reload.
  await boris.locator(".ideas .idea-title a", { hasText: title }).click();
  await boris.waitForURL(/\/ideas\/\d+$/);
  await boris.getByLabel("Your comment").fill("A fine idea for the river.");
  await boris.getByRole("button", { name: "Send", exact: true }).click();
  await expect(boris.locator(".comment-text", { hasText: "A fine idea" })).toBeVisible();
  await expect(anna.locator(".bell .unread-count")).toHaveText("1");
  expect(await anna.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

  await author.context.close();
  await reader.context.close();
});
