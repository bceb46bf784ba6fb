// Issue 9 #1: owner account takeover through the local mailbox. The attacker asks the admin app
// for the owner's sign-in link, then tries every way to read it without signing in: the customer
// app's /dev/mailbox with the mailbox off (the suite's apps) and on (a second customer app with
// LOCAL_MAILBOX=1), with spoofed Host / X-Forwarded-For / Forwarded headers, our own peer header,
// and from a non-loopback source address. The link must never show. The owner's Outbox is
// owner-only and shows it with the link hidden. Finally the link is opened, proving it was a real
// owner sign-in all along.
import { request } from "node:http";
import { networkInterfaces } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  cookieFrom,
  demo,
  signIn,
  sql,
  startAppOnFreePort,
  trpc,
  uniq,
  urls,
  type StartedApp,
} from "./harness";

interface Got {
  status: number;
  body: string;
  location: string | undefined;
}

/** One GET with full control of the headers (Host included) and of the source address. */
function get(
  url: string,
  { headers = {}, localAddress }: { headers?: Record<string, string>; localAddress?: string } = {},
): Promise<Got> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        path: `${u.pathname}${u.search}`,
        headers: { host: u.host, ...headers },
        ...(localAddress ? { localAddress } : {}),
      },
      (res) => {
        let body = "";
        res.on("data", (d: Buffer) => (body += d.toString()));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body, location: res.headers.location }),
        );
      },
    );
    req.on("error", reject);
    req.end();
  });
}

/** An address of this machine that is not loopback: requests from it look like the network. */
function externalAddress(): string {
  const a = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === "IPv4" && !i.internal);
  if (!a) throw new Error("this test needs a non-loopback IPv4 interface to act as the network");
  return a.address;
}

/** Requests the emailed sign-in link on the app at `base`; returns the token stored for it. */
async function requestMagicLink(base: string, email: string): Promise<string> {
  const before = await sql<{ n: string }>(`SELECT count(*)::text AS n FROM "EmailMessage"`);
  const res = await fetch(`${base}/api/auth/sign-in/magic-link`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ email, callbackURL: "/" }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  const [row] = await sql<{ text: string }>(
    `SELECT text FROM "EmailMessage" WHERE lower("to") = lower($1)
      AND subject LIKE '%sign-in link%' ORDER BY "createdAt" DESC LIMIT 1`,
    email,
  );
  const after = await sql<{ n: string }>(`SELECT count(*)::text AS n FROM "EmailMessage"`);
  expect(Number(after[0]!.n)).toBeGreaterThan(Number(before[0]!.n));
  const token = /[?&]token=([^&\s]+)/.exec(row!.text)?.[1];
  expect(token, row!.text).toBeTruthy();
  return token!;
}

let ownerToken: string;
let customerToken: string;
const customerEmail = `${uniq("guest")}@example.com`;
let mailbox: StartedApp;
let ownerCookie: string;

beforeAll(async () => {
  ownerCookie = await signIn("admin", demo.owner.email, demo.owner.password);
  // A second customer app like the demo's: local mailbox explicitly on.
  mailbox = await startAppOnFreePort("customer", { LOCAL_MAILBOX: "1" });
  ownerToken = await requestMagicLink(urls.admin, demo.owner.email);
  customerToken = await requestMagicLink(mailbox.url, customerEmail);
});
afterAll(async () => {
  await mailbox?.stop();
});

describe("the local mailbox never hands a sign-in link to an attacker", () => {
  it("is off unless LOCAL_MAILBOX=1: 404 for every request, even from this machine", async () => {
    for (const path of ["/dev/mailbox", `/dev/mailbox?to=${demo.owner.email}`, "/dev/mailbox/"]) {
      for (const headers of [{}, { host: "localhost" }, { "x-forwarded-for": "127.0.0.1" }]) {
        const r = await get(`${urls.customer}${path}`, { headers });
        expect(r.body).not.toContain(ownerToken);
        expect(r.body).not.toContain(customerToken);
        expect([404, 308]).toContain(r.status);
      }
    }
  });

  it("with LOCAL_MAILBOX=1 it answers only direct loopback requests with a loopback Host", async () => {
    const ext = externalAddress();
    const attempts: [string, Parameters<typeof get>[1]][] = [
      // DNS rebinding: the attacker's name resolved to 127.0.0.1 in a local browser.
      ["rebound Host", { headers: { host: "evil.example" } }],
      ["look-alike Host", { headers: { host: "localhost.evil.example" } }],
      // What a reverse proxy on this machine adds when it relays a visitor from the network.
      ["X-Forwarded-For", { headers: { "x-forwarded-for": "203.0.113.9" } }],
      ["X-Forwarded-For chain", { headers: { "x-forwarded-for": "127.0.0.1, 203.0.113.9" } }],
      ["X-Forwarded-Host", { headers: { "x-forwarded-host": "book.example.com" } }],
      ["X-Forwarded-Proto https", { headers: { "x-forwarded-proto": "https" } }],
      ["Via", { headers: { via: "1.1 nginx" } }],
      ["Forwarded", { headers: { forwarded: "for=127.0.0.1;host=localhost" } }],
      ["X-Real-IP", { headers: { "x-real-ip": "127.0.0.1" } }],
      // From the network (a non-loopback source address), whatever the headers say.
      ["network peer", { localAddress: ext }],
      ["network peer, Host localhost", { localAddress: ext, headers: { host: "localhost" } }],
      [
        "network peer, forged peer header",
        { localAddress: ext, headers: { "x-myhibachi-peer": "x loopback" } },
      ],
      [
        "network peer, X-Forwarded-For",
        { localAddress: ext, headers: { "x-forwarded-for": "127.0.0.1" } },
      ],
      // A client-side navigation (React Server Components payload) to the page.
      ["network peer, RSC request", { localAddress: ext, headers: { rsc: "1" } }],
    ];
    for (const [what, opts] of attempts) {
      const rsc = opts?.headers?.rsc ? "&_rsc" : "";
      const r = await get(`${mailbox.url}/dev/mailbox?to=${customerEmail}${rsc}`, opts);
      // An RSC payload carries its not-found page with HTTP 200; a page request is a 404.
      if (rsc) expect(r.body, what).toContain("This page could not be found");
      else expect(r.status, what).toBe(404);
      expect(r.body, what).not.toContain(customerEmail);
      expect(r.body, what).not.toContain(customerToken);
      expect(r.body, what).not.toContain(ownerToken);
    }
  });

  it("on loopback it shows customer emails (the demo's sign-in) but never a staff or owner email's body", async () => {
    const all = await get(`${mailbox.url}/dev/mailbox`);
    expect(all.status).toBe(200);
    expect(all.body).toContain(customerToken); // the demo customer can sign in from here
    expect(all.body).not.toContain(ownerToken);
    const owner = await get(`${mailbox.url}/dev/mailbox?to=${demo.owner.email.toUpperCase()}`);
    expect(owner.status).toBe(200);
    // Only that there is one: not its subject either (attack 14: "Low rating: 2 of 5 for booking
    // HB-..." was listed).
    expect(owner.body).toContain("An email to the business");
    expect(owner.body).not.toContain("Your MyHibachi sign-in link");
    expect(owner.body).toContain("Email to a staff account: hidden here");
    expect(owner.body).not.toContain(ownerToken);
    const rsc = await get(`${mailbox.url}/dev/mailbox?to=${demo.owner.email}&_rsc`, {
      headers: { rsc: "1" },
    });
    expect(rsc.status).toBe(200);
    expect(rsc.body).toContain("Email to a staff account: hidden here");
    expect(rsc.body).not.toContain(ownerToken);
  });
});

describe("the owner's Outbox", () => {
  it("is for owners only: anonymous, customers and staff never see it", async () => {
    const anon = await get(`${urls.admin}/outbox`);
    expect(anon.status).toBe(307);
    expect(anon.location).toMatch(/\/sign-in/);
    const staff = await signIn("admin", demo.staff.email, demo.staff.password);
    const asStaff = await get(`${urls.admin}/outbox`, { headers: { cookie: staff } });
    expect(asStaff.status).toBe(307);
    expect(asStaff.location).toMatch(/\/forbidden/);
    for (const cookie of [undefined, staff]) {
      const list = await trpc("admin", "owner.outbox.list", {}, { cookie, type: "query" });
      expect(list.code).toBe(cookie ? "FORBIDDEN" : "UNAUTHORIZED");
      expect(list.text).not.toContain(ownerToken);
      const retry = await trpc(
        "admin",
        "owner.outbox.retry",
        { kind: "email", id: "x" },
        { cookie },
      );
      expect(retry.code).toBe(cookie ? "FORBIDDEN" : "UNAUTHORIZED");
    }
  });

  it("lists every email with its status and attempts, sign-in links hidden", async () => {
    const owner = ownerCookie;
    const list = await trpc<{ items: { to: string; body: string; topic: string }[] }>(
      "admin",
      "owner.outbox.list",
      { to: demo.owner.email },
      { cookie: owner, type: "query" },
    );
    expect(list.status, list.text).toBe(200);
    expect(list.text).not.toContain(ownerToken);
    const mine = list.data!.items.find((i) => i.topic === "sign-in link");
    expect(mine?.body).toContain("[link hidden]");
    const page = await get(`${urls.admin}/outbox?to=${customerEmail}`, {
      headers: { cookie: owner },
    });
    expect(page.status).toBe(200);
    expect(page.body).toContain(customerEmail);
    expect(page.body).toContain("[link hidden]");
    expect(page.body).not.toContain(customerToken);
  });

  it("the link the attacker was after is a real owner sign-in (so hiding it matters)", async () => {
    const res = await fetch(
      `${urls.admin}/api/auth/magic-link/verify?token=${ownerToken}&callbackURL=%2F`,
      { redirect: "manual" },
    );
    const cookie = cookieFrom(res);
    expect(cookie).not.toBe("");
    const me = await trpc<{ role: string }>("admin", "me", undefined, { cookie, type: "query" });
    expect(me.data?.role).toBe("OWNER");
  });
});

describe("a production deployment without SMTP says so", () => {
  it("health reports that emails are not delivered", async () => {
    for (const url of [urls.customer, urls.admin]) {
      const res = await fetch(`${url}/api/health`);
      expect(await res.json()).toMatchObject({ email: "not delivered" });
    }
  });

  it("owners see a banner; the second customer app printed its warnings at boot", async () => {
    const page = await get(`${urls.admin}/`, { headers: { cookie: ownerCookie } });
    expect(page.body).toContain("Emails are not delivered");
    expect(mailbox.output()).toContain("EMAILS ARE NOT DELIVERED");
    expect(mailbox.output()).toContain("LOCAL_MAILBOX=1");
  });
});
