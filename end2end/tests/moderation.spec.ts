// A moderator's live queue: an idea a resident posts appears in the open queue without a reload; the
// moderator rejects it with a reason; the author sees the status and the reason, and the project's public
// decision trail lists it. A duplicate is merged into a target found by the similarity search (a comment
// of the duplicate, shown on the target's page, leaves it live when hidden), then the merge is undone. A
// reason template is written, then used to reject two ideas at once. An admin turns premoderation on: a
// new idea then waits until the moderator publishes it.
import { test, expect } from "@playwright/test";
import { hydrated, loginAs, registerAndJoin } from "./helpers";

test("the moderation queue is live and a rejection reaches the author and the public trail", async ({ browser }) => {
  test.setTimeout(90_000);
  const { context: moderatorContext, page: moderator } = await loginAs(browser, "moderator@example.org", "/moderation");
  await expect(moderator.getByRole("heading", { name: "Очередь модерации" })).toBeVisible();

  const { context, page: author } = await registerAndJoin(browser, "Автор рекламы");
  const title = `Скидки в нашем магазине ${Date.now()}`;
  await author.getByLabel("Заголовок").fill(title);
  await author.locator("#idea-direction").selectOption({ label: "Набережные" });
  await author.getByLabel("Описание идеи").fill("Приходите в наш магазин у набережной, у нас скидки!");
  await author.getByRole("button", { name: "Отправить идею" }).click();
  await expect(author.getByText("Идея опубликована")).toBeVisible();

  // The queue shows it without a reload.
  const item = moderator.locator(".queue-item", { hasText: title });
  await expect(item).toBeVisible();
  await item.getByText("Отклонить").first().click();
  await item.locator(".reject").getByRole("button", { name: "Отклонить" }).click();
  await expect(item.locator(".reject .field-error")).toHaveText("Заполните это поле.");
  await item.locator(".reject").getByLabel("Причина").fill("Это реклама, а не идея для города.");
  // Focus goes on to the idea that takes its place (or the one before it, or the heading), not to the top.
  const neighbour = await item.evaluate((li) =>
    (li.nextElementSibling ?? li.previousElementSibling)?.querySelector("h3 a")?.textContent ?? null);
  await item.locator(".reject").getByRole("button", { name: "Отклонить" }).click();
  await expect(moderator.locator(".queue-item", { hasText: title })).toHaveCount(0);
  const focusedText = () => moderator.evaluate(() => document.activeElement?.textContent ?? "");
  await expect.poll(focusedText).toContain(neighbour ?? "Идеи");
  // And it stays there once the queue has been drawn again (not on an element about to be replaced).
  await moderator.waitForTimeout(1500);
  expect(await focusedText()).toContain(neighbour ?? "Идеи");

  // The author: a notification, the status and the reason.
  await expect(author.locator(".bell .unread-count")).toHaveText("1");
  await author.goto("/my/ideas");
  const mine = author.locator(".my-ideas .idea", { hasText: title });
  await expect(mine.locator(".badge")).toHaveText("Отклонена");
  await expect(mine.locator(".reason")).toContainText("Это реклама, а не идея для города.");

  // The public trail, without logging in.
  const guest = await browser.newPage();
  await guest.goto("/projects/city-by-the-water/decisions");
  await expect(guest.getByText("Это реклама, а не идея для города.")).toBeVisible();

  // A duplicate is merged into an existing idea (its author is credited there), then the merge is undone.
  await guest.goto("/projects/city-by-the-water");
  const targetHref = await guest.locator(".ideas .idea-title a", { hasText: "Речной трамвай круглый год" }).getAttribute("href");
  const targetId = targetHref!.split("/").pop()!;
  await author.goto("/projects/city-by-the-water");
  await hydrated(author);
  const duplicate = `Трамвай по реке зимой ${Date.now()}`;
  await author.getByLabel("Заголовок").fill(duplicate);
  await author.locator("#idea-direction").selectOption({ label: "Набережные" });
  await author.getByLabel("Описание идеи").fill("Пусть речные трамваи ходят и зимой, во льду.");
  await author.getByRole("button", { name: "Отправить идею" }).click();
  await expect(author.getByText("Идея опубликована")).toBeVisible();
  // A remark on the duplicate, which the target's page shows once they are merged.
  const dupHref = (await author.locator(".ideas .idea-title a", { hasText: duplicate }).getAttribute("href"))!;
  await author.goto(dupHref);
  await hydrated(author);
  const remark = `Зимой мешает лёд ${Date.now()}`;
  await author.getByLabel("Ваш комментарий").fill(remark);
  await author.getByRole("button", { name: "Отправить", exact: true }).click();
  await expect(author.locator(".comment-text", { hasText: remark })).toBeVisible();
  const dup = moderator.locator(".queue-item[data-idea-id]", { hasText: duplicate });
  await dup.getByText("Объединить с похожей").first().click();
  // The target is found by words from it, and chosen from the list.
  await dup.getByLabel("Найти идею").fill("речные трамваи");
  const candidate = dup.locator(".candidates li", { hasText: "Речной трамвай круглый год" });
  await candidate.getByRole("button", { name: "Выбрать" }).click();
  await expect(dup.getByLabel("Номер идеи, в которую объединить")).toHaveValue(targetId);
  await dup.locator(".merge").getByLabel("Причина").fill("Та же идея, что и речной трамвай");
  await dup.locator(".merge").getByRole("button", { name: "Объединить с похожей" }).click();
  const merged = moderator.locator(".merge-row", { hasText: duplicate });
  await expect(merged).toBeVisible();
  await guest.goto(targetHref!);
  await expect(guest.locator(".coauthors")).toHaveText("Автор рекламы");
  // The remark, shown there, leaves the open page when a moderator hides it.
  await hydrated(guest);
  await expect(guest.locator(".comment-text", { hasText: remark })).toBeVisible();
  const remarkItem = moderator.locator(".queue-item", { hasText: remark });
  await remarkItem.getByRole("textbox").fill("Не по теме идеи.");
  await remarkItem.getByRole("button", { name: "Скрыть" }).click();
  await expect(guest.locator(".comment-text", { hasText: remark })).toHaveCount(0);
  await merged.getByRole("button", { name: "Отменить объединение" }).click();
  await expect(moderator.locator(".merge-row", { hasText: duplicate })).toHaveCount(0);
  await guest.goto("/projects/city-by-the-water");
  await expect(guest.locator(".ideas .idea-title", { hasText: duplicate })).toBeVisible();
  await guest.goto(targetHref!);
  await expect(guest.locator(".coauthors")).toHaveCount(0);

  // A reason template, written once, rejects two ideas at once.
  await moderator.goto("/moderation/templates");
  await hydrated(moderator);
  const add = moderator.locator("section", { hasText: "Добавить шаблон" });
  await add.getByLabel("Название (рус.)").fill("Реклама");
  await add.getByLabel("Название (англ.)").fill("Advertising");
  await add.getByLabel("Текст причины (рус.)").fill("Реклама товаров и услуг не является идеей для города.");
  await add.getByLabel("Текст причины (англ.)").fill("Advertising goods or services is not an idea for the city.");
  await add.getByRole("button", { name: "Добавить шаблон" }).click();
  const saved = moderator.locator(".templates .template");
  await expect(saved).toHaveCount(1);
  await expect(saved.getByLabel("Название (рус.)")).toHaveValue("Реклама");

  const ads = [`Распродажа обуви ${Date.now()}`, `Скидки на кофе ${Date.now()}`];
  for (const ad of ads) {
    await author.goto("/projects/city-by-the-water");
    await hydrated(author);
    await author.getByLabel("Заголовок").fill(ad);
    await author.locator("#idea-direction").selectOption({ label: "Набережные" });
    await author.getByLabel("Описание идеи").fill("Только у нас лучшие цены, заходите в магазин!");
    await author.getByRole("button", { name: "Отправить идею" }).click();
    await expect(author.getByText("Идея опубликована")).toBeVisible();
  }
  await moderator.goto("/moderation");
  await hydrated(moderator);
  for (const ad of ads) {
    const item = moderator.locator(".queue-item", { hasText: ad });
    // The project by its title, as residents know it, not by its Latin address.
    await expect(item.locator(".idea-meta a")).toHaveText("Город у воды");
    await item.getByRole("checkbox").check();
  }
  const bar = moderator.locator("#bulk-ideas");
  await expect(bar.locator("legend")).toHaveText("Выбрано: 2");
  // The reason sits with rejecting, which needs it, not between the two decisions.
  const rejecting = bar.getByRole("group", { name: "Отклонить выбранные" });
  await expect(rejecting.getByLabel("Причина", { exact: true })).toBeVisible();
  await expect(rejecting.getByRole("button", { name: "Отклонить выбранные" })).toBeVisible();
  await expect(rejecting.getByRole("button", { name: "Опубликовать выбранные" })).toHaveCount(0);
  await bar.getByRole("button", { name: "Отклонить выбранные" }).click();
  await expect(bar.locator("#bulk-ideas-reason-error")).toHaveText("Заполните это поле.");
  await bar.getByRole("combobox", { name: "Шаблон причины" }).selectOption({ label: "Реклама" });
  await expect(bar.getByLabel("Причина", { exact: true })).toHaveValue(/Реклама товаров/);
  await bar.getByRole("button", { name: "Отклонить выбранные" }).click();
  await expect(moderator.locator("[aria-labelledby=queue-ideas] .bulk-outcome")).toHaveText("Решено: 2");
  for (const ad of ads) {
    await expect(moderator.locator(".queue-item", { hasText: ad })).toHaveCount(0);
  }
  await author.goto("/my/ideas");
  await expect(author.locator(".my-ideas .idea", { hasText: ads[0] }).locator(".reason")).toContainText("Реклама товаров");


  // Premoderation on: the author is told the idea waits; it is public once the moderator publishes it.
  const { context: adminContext, page: admin } = await loginAs(browser, "admin@example.org", "/staff");
  await admin.getByRole("link", { name: "Город у воды" }).click();
  await admin.waitForURL(/\/staff\/projects\/\d+$/);
  await hydrated(admin);
  const premoderation = admin.locator(".premoderation-form");
  const setPremoderation = async (on: boolean) => {
    await premoderation.getByLabel("Публиковать идеи только после проверки модератором").setChecked(on);
    await premoderation.getByRole("button", { name: "Сохранить" }).click();
    await expect(admin.locator(".history li").first()).toContainText(`Премодерация ${on ? "включена" : "выключена"}`);
  };
  try {
    // Inside the try: whatever fails, the finally turns premoderation off again for the other tests.
    await setPremoderation(true);
    const held = `Лодочная станция на пруду ${Date.now()}`;
    await author.goto("/projects/city-by-the-water");
    await hydrated(author);
    await author.getByLabel("Заголовок").fill(held);
    await author.locator("#idea-direction").selectOption({ label: "Парки и пруды" });
    await author.getByLabel("Описание идеи").fill("Прокат лодок и катамаранов летом, каток зимой.");
    await author.getByRole("button", { name: "Отправить идею" }).click();
    await expect(author.getByText("Идея отправлена на модерацию.")).toBeVisible();
    await guest.goto("/projects/city-by-the-water");
    await expect(guest.locator(".ideas .idea-title", { hasText: held })).toHaveCount(0);
    const waiting = moderator.locator(".queue-item", { hasText: held });
    await expect(waiting.locator(".badge")).toHaveText("Подана");
    await waiting.getByRole("button", { name: "Опубликовать", exact: true }).click();
    await expect(moderator.locator(".queue-item", { hasText: held })).toHaveCount(0);
    await guest.goto("/projects/city-by-the-water");
    await expect(guest.locator(".ideas .idea-title", { hasText: held })).toBeVisible();
  } finally {
    await setPremoderation(false);
  }

  await adminContext.close();
  await guest.close();
  await context.close();
  await moderatorContext.close();
});
