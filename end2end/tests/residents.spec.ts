// Two residents in two browsers: one proposes an idea (seeing similar ideas while typing), the other is told
// of it live, supports it and comments; the author sees the count, the comment and the notification change
// live. The supporter uses a 360×740 phone screen throughout.
import { test, expect } from "@playwright/test";
import { OPEN_PROJECT, fitsWidth, hydrated, registerAndJoin } from "./helpers";

test("two residents: similar ideas, the new-ideas notice, support, comments and live notifications", async ({
  browser,
}) => {
  const author = await registerAndJoin(browser, "Анна");
  const phone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
  const supporter = await registerAndJoin(browser, "Борис", phone);
  const anna = author.page;
  const boris = supporter.page;
  await fitsWidth(boris, 360);

  // Typing other grammatical forms of an existing idea's words shows it as similar.
  await anna.getByLabel("Заголовок").fill("Скамейка на набережной");
  const similar = anna.locator(".similar");
  await expect(similar.getByRole("heading", { name: "Похожие идеи" })).toBeVisible();
  await expect(similar.getByRole("link", { name: "Тень и скамейки на набережных" })).toBeVisible();

  // Anna posts her own idea after all; Boris is told of it, without his list moving.
  const title = `Библиотека на причале ${Date.now()}`;
  await anna.getByLabel("Заголовок").fill(title);
  await anna.locator("#idea-direction").selectOption({ label: "Набережные" });
  await anna.getByLabel("Описание идеи").fill("Маленькая библиотека под навесом у каждого речного причала.");
  await anna.getByRole("button", { name: "Отправить идею" }).click();
  await expect(anna.locator(".ideas .idea-title").first()).toHaveText(title);
  // A joined resident who loads the page afresh gets the form again (a hydration regression guard).
  await anna.reload();
  await hydrated(anna);
  await expect(anna.getByLabel("Заголовок")).toBeVisible();
  const notice = boris.getByRole("button", { name: "1 новая идея — показать" });
  await expect(notice).toBeVisible();
  await expect(boris.locator(".ideas .idea-title", { hasText: title })).toHaveCount(0);
  await notice.click();
  await expect(boris.locator(".ideas .idea-title").first()).toHaveText(title);

  // Anna watches her idea's page; Boris opens it from the feed.
  await anna.locator(".ideas .idea-title a", { hasText: title }).click();
  await anna.waitForURL(/\/ideas\/\d+$/);
  await hydrated(anna);
  await expect(anna.locator("button.vote.support")).toBeDisabled();
  await boris.locator(".ideas .idea-title a", { hasText: title }).click();
  await boris.waitForURL(/\/ideas\/\d+$/);
  await hydrated(boris);
  await fitsWidth(boris, 360);

  // Until anyone answers it, Anna may still edit her idea.
  await anna.getByText("Изменить идею").click();
  await anna.locator("#edit-body").fill("Маленькая библиотека под навесом у каждого речного причала, с лавкой.");
  await anna.locator(".edit-idea").getByRole("button", { name: "Сохранить" }).click();
  await expect(anna.locator(".idea-body")).toContainText("с лавкой");
  await hydrated(anna);

  // Boris supports it: one vote, changeable; Anna's page shows the count live.
  const support = boris.locator("button.vote.support");
  await support.click();
  await expect(support).toHaveAttribute("aria-pressed", "true");
  await expect(support.locator(".count")).toHaveText("1");
  await expect(anna.locator("button.vote.support .count")).toHaveText("1");
  await boris.locator("button.vote.oppose").click();
  await expect(boris.locator("button.vote.oppose")).toHaveAttribute("aria-pressed", "true");
  await expect(anna.locator("button.vote.support .count")).toHaveText("0");
  await expect(anna.locator("button.vote.oppose .count")).toHaveText("1");
  await support.click();
  await expect(anna.locator("button.vote.support .count")).toHaveText("1");

  // An empty comment gets a message next to the field; a real one appears on both pages live.
  await boris.getByRole("button", { name: "Отправить", exact: true }).click();
  await expect(boris.locator("#comment-body-error")).toHaveText("Заполните это поле.");
  await boris.getByLabel("Ваш комментарий").fill("Отличная идея, подробности: https://example.org/pier");
  await boris.getByRole("button", { name: "Отправить", exact: true }).click();
  await expect(boris.locator(".comment-text", { hasText: "Отличная идея" })).toBeVisible();
  await expect(anna.locator(".comment-text", { hasText: "Отличная идея" })).toBeVisible();
  await expect(anna.locator(".comment-text a")).toHaveAttribute("href", "https://example.org/pier");
  await expect(anna.locator(".comment-count")).toHaveText("1");
  // Anna's bell counts the notification without a reload, and the list shows it.
  await expect(anna.locator(".bell .unread-count")).toHaveText("1");
  await anna.locator(".bell").click();
  await expect(anna.getByText("Новый комментарий к вашей идее")).toBeVisible();
  await expect(anna.locator(".bell .unread-count")).toHaveText("0");

  // Anna replies; the reply sits under Boris's comment (one level deep).
  await anna.goBack();
  await hydrated(anna);
  await anna.locator(".reply-form summary").first().click();
  await anna.getByLabel("Ваш ответ").fill("Спасибо!");
  await anna.locator(".reply-form").getByRole("button", { name: "Отправить", exact: true }).click();
  await expect(boris.locator(".replies .comment-text", { hasText: "Спасибо!" })).toBeVisible();
  await fitsWidth(boris, 360);

  // My ideas lists it with its status.
  await anna.goto("/my/ideas");
  await expect(anna.locator(".my-ideas .idea-title", { hasText: title })).toBeVisible();
  await expect(anna.locator(".my-ideas .badge").first()).toHaveText("Опубликована");

  await author.context.close();
  await supporter.context.close();
});
