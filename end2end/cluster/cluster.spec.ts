// Several `crowd serve` instances on one PostgreSQL behind nginx (deploy/cluster.sh), driven as an
// operator would: a session made through one instance works on the other; an idea posted through one
// reaches a live feed held open on the other; the login limiter and the per-account limits hold across
// instances; the client address the app sees is the client's, not the proxy's; a stopped instance is
// routed around. Plain HTTP from Node (requests from chosen loopback addresses), no browser.
import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import http from "node:http";

const PROXY = process.env.CROWD_CLUSTER_URL ?? "http://127.0.0.1:8080";
const [A, B] = ["http://127.0.0.1:3201", "http://127.0.0.1:3202"];
const RUN = process.env.CROWD_CLUSTER_DIR ?? "/tmp/crowd-cluster";
const PASSWORD = "demo-password";
const OPEN = "city-by-the-water";

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };
type Options = { form?: Record<string, string>; cookie?: string; from?: string };

/** One request to `base` + `path` (a form post when `form` is given), from the loopback address `from`. */
function send(base: string, path: string, { form, cookie, from }: Options = {}): Promise<Answer> {
  const body = form ? new URLSearchParams(form).toString() : undefined;
  const headers: Record<string, string> = { accept: "application/json" };
  if (body) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    headers.origin = base;
  }
  if (cookie) headers.cookie = cookie;
  return new Promise((resolve, reject) => {
    const request = http.request(
      new URL(path, base),
      { method: body ? "POST" : "GET", headers, localAddress: from },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk) => (text += chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }),
        );
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

/** Logs in through `base`; the session's `Cookie` value. */
async function login(base: string, email: string): Promise<string> {
  const answer = await send(base, "/api/login", { form: { email, password: PASSWORD, next: "/" } });
  expect(answer.status, answer.body).toBe(200);
  const cookie = (answer.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).find((c) => !c.endsWith("="));
  expect(cookie).toBeTruthy();
  return cookie as string;
}

/** A failed login of `email` through `base` from `from`: its status. */
async function wrongPassword(base: string, email: string, from?: string): Promise<number> {
  const answer = await send(base, "/api/login", {
    form: { email, password: "not-the-password", next: "/" },
    from,
  });
  return answer.status;
}

/** Opens the live stream at `path` on `base`; `until(text)` resolves once the stream has said `text`. */
function stream(base: string, path: string) {
  let said = "";
  const waiting: Array<() => void> = [];
  const request = http.get(new URL(path, base), (response) => {
    response.setEncoding("utf8");
    response.on("data", (chunk) => {
      said += chunk;
      waiting.forEach((w) => w());
    });
  });
  request.on("error", () => {});
  const until = (text: string, ms = 10_000) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the stream did not say ${text}: ${said}`)), ms);
      const check = () => {
        if (said.includes(text)) {
          clearTimeout(timer);
          resolve();
        }
      };
      waiting.push(check);
      check();
    });
  return { until, close: () => request.destroy() };
}

test("a session made through one instance works on the other", async () => {
  const cookie = await login(A, "anna@example.org");
  const account = await send(B, "/account", { cookie });
  expect(account.status).toBe(200);
  expect(account.body).toContain("Анна Смирнова");
  const anonymous = await send(B, "/account");
  expect(anonymous.status).toBe(401);
});

test("an idea posted through one instance reaches live feeds held open on the other and through the proxy, and the idea limit counts both", async () => {
  const projects = JSON.parse((await send(PROXY, "/api/v1/projects")).body);
  const project = projects.projects.find((p: { slug: string }) => p.slug === OPEN);
  const feed = JSON.parse((await send(PROXY, `/api/v1/projects/${OPEN}/ideas`)).body);
  const direction = String(feed.items[0].direction_id);
  const live = stream(B, `/api/events?project=${project.id}`);
  // Through nginx, a stream has a fresh connection to an instance of its own (`upstream crowd_streams`).
  const proxied = stream(PROXY, `/api/events?project=${project.id}`);
  const cookie = await login(A, "vera@example.org");
  const title = `Фонтан у реки ${Date.now()}`;
  const posted = await send(A, "/api/submit_idea", {
    cookie,
    form: { slug: OPEN, direction_id: direction, title, body: "Питьевой фонтанчик на набережной у моста." },
  });
  expect(posted.status, posted.body).toBe(200);
  await live.until(title);
  await proxied.until(title);
  live.close();
  proxied.close();
  // Five ideas an hour per account, counted from the shared database whichever instance is asked.
  for (const [n, base] of [A, B, A, B].entries()) {
    const next = await send(base, "/api/submit_idea", {
      cookie,
      form: { slug: OPEN, direction_id: direction, title: `Скамейки номер ${n}`, body: "Скамейки вдоль всей набережной реки." },
    });
    expect(next.status, next.body).toBe(200);
  }
  const sixth = await send(B, "/api/submit_idea", {
    cookie,
    form: { slug: OPEN, direction_id: direction, title: "Шестая идея за час", body: "Эта идея сверх предела за час." },
  });
  expect(sixth.status).toBe(429);
});

test("the login limiter of one account holds across instances", async () => {
  for (const base of [A, B, A, B, A]) {
    expect(await wrongPassword(base, "boris@example.org")).toBe(422);
  }
  const sixth = await send(B, "/api/login", {
    form: { email: "boris@example.org", password: PASSWORD, next: "/" },
  });
  expect(sixth.status, "even the right password waits").toBe(429);
});

test("the app sees the client's address through the proxy, not the proxy's", async () => {
  // Twenty failures from one address (different accounts, spread over both instances) close that
  // address; another address behind the same proxy is still heard.
  for (let n = 0; n < 20; n++) {
    expect(await wrongPassword(PROXY, `nobody${n}@example.org`, "127.0.0.2")).toBe(422);
  }
  expect(await wrongPassword(PROXY, "nobody-more@example.org", "127.0.0.2")).toBe(429);
  expect(await wrongPassword(PROXY, "nobody-more@example.org", "127.0.0.3")).toBe(422);
  // A client cannot pretend to be another by sending its own X-Forwarded-For: nginx replaces it.
  const spoofed = await new Promise<number>((resolve, reject) => {
    const body = new URLSearchParams({ email: "x@example.org", password: "wrong", next: "/" }).toString();
    const request = http.request(new URL("/api/login", PROXY), {
      method: "POST",
      localAddress: "127.0.0.2",
      headers: {
        accept: "application/json",
        origin: PROXY,
        "content-type": "application/x-www-form-urlencoded",
        "x-forwarded-for": "198.51.100.9",
      },
    }, (response) => { response.resume(); resolve(response.statusCode ?? 0); });
    request.on("error", reject);
    request.end(body);
  });
  expect(spoofed).toBe(429);
  // And the metrics are not reachable through the proxy.
  expect((await send(PROXY, "/metrics")).status).toBe(404);
  expect((await send(A, "/metrics")).status).toBe(200);
});

test("a stopped instance is routed around", async () => {
  const pid = Number(readFileSync(`${RUN}/crowd-2.pid`, "utf8").trim());
  process.kill(pid, "SIGTERM");
  await expect
    .poll(async () => send(B, "/healthz").then(() => "up", () => "down"), { timeout: 10_000 })
    .toBe("down");
  for (let n = 0; n < 10; n++) {
    const page = await send(PROXY, "/");
    expect(page.status).toBe(200);
  }
  const cookie = await login(PROXY, "gleb@example.org");
  expect((await send(PROXY, "/account", { cookie })).status).toBe(200);
});
