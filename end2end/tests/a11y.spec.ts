// An automated WCAG 2.1 A/AA audit (axe-core) of every kind of page, as each role sees it, at a phone's
// width and a desktop's. A serious or critical finding fails the test and names the rule and the element.
import { test, expect, type Browser, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { OPEN_PROJECT, hydrated, loginAs } from "./helpers";

/** The pages everybody can open: home, catalogue, a project, its feed, an idea, results, decisions, a finished
 * residents' vote, what was built (the city's and a project's), login, registration, an unknown address. */
const PUBLIC = ["/", "/projects", OPEN_PROJECT, `${OPEN_PROJECT}/ideas`, "/ideas/1", `${OPEN_PROJECT}/results`,
  `${OPEN_PROJECT}/decisions`, "/projects/culture-online", "/projects/district-budget/vote", "/built",
  "/projects/district-budget/built", "/open-data", "/login",
  "/register", "/no-such-page"];

/** Each role with the pages of its own (and one it is refused). */
const ROLES: [string, string | null, string[]][] = [
  ["visitor", null, ["/staff", "/notifications"]],
  ["resident", "anna@example.org", ["/my/ideas", "/notifications", "/account", "/moderation", "/projects/park-next-door/vote"]],
  ["moderator", "moderator@example.org", ["/moderation", "/moderation/templates", "/staff"]],
  ["expert", "expert@example.org", ["/commission", "/commission/city-by-the-water"]],
  ["staff", "staff@example.org", ["/staff", "/staff/projects/1", "/staff/projects/1/preview"]],
];

/** Serious and critical WCAG 2.1 A/AA findings on the page, one line each. */
async function findings(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(" ")} — ${v.help}`));
}

async function audit(browser: Browser, email: string | null, paths: string[], width: number) {
  const viewport = { width, height: 740 };
  const { context, page } = email
    ? await loginAs(browser, email, "/", { viewport })
    : await (async () => {
        const context = await browser.newContext({ viewport });
        return { context, page: await context.newPage() };
      })();
  const found: string[] = [];
  for (const path of paths) {
    await page.goto(path);
    await hydrated(page);
    found.push(...(await findings(page)).map((f) => `${path}: ${f}`));
    // The header's menu, open.
    if (path === paths[0]) {
      await page.locator(".site-header .menu summary").click();
      found.push(...(await findings(page)).map((f) => `${path} (menu open): ${f}`));
    }
  }
  await context.close();
  return found;
}

for (const width of [360, 1280]) {
  test(`every public page kind passes axe-core at ${width} px`, async ({ browser }) => {
    test.setTimeout(120_000);
    expect(await audit(browser, null, PUBLIC, width)).toEqual([]);
  });

  for (const [role, email, paths] of ROLES) {
    test(`the ${role}'s own pages and refusals pass axe-core at ${width} px`, async ({ browser }) => {
      test.setTimeout(90_000);
      expect(await audit(browser, email, paths, width)).toEqual([]);
    });
  }
}
