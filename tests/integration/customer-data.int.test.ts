// A customer's own data (issue 13, point 11): the copy they download holds theirs and nobody
// else's; deleting the account keeps the books (bookings, payments) without the person, ends
// every session and makes signing in impossible; a party still to come refuses the deletion.
// Through the customer app's real HTTP handlers (better-auth sign-in, tRPC, REST) on a real
// database; what changed is read back from Postgres.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  cancelBooking,
  changeBookingStatus,
  composeBookingEmail,
  recordPaymentAtEvent,
  DELETED_NAME,
  enrolCampaigns,
} from "@myhibachi/core";
import {
  customerRouter,
  handleAuth,
  handleRest,
  handleTrpc,
  sessionUser,
  type ServerDeps,
} from "@myhibachi/api";
import { DAY } from "@myhibachi/shared";
import { createUser } from "./admin-helpers";
import { classicSelection } from "@myhibachi/seed/fixtures";
import { book, customerCaller, dayIn, withoutBookingLimits } from "./after-booking-support";
import { customerServerDeps, setupEnv, type Env } from "./helpers";

const BASE = "http://127.0.0.1:3999";
let env: Env;
let deps: ServerDeps & { close(): Promise<void> };

beforeAll(async () => {
  env = await setupEnv({ chefs: 2 });
  await withoutBookingLimits(env);
  deps = customerServerDeps(env);
});
afterAll(async () => {
  await deps?.close();
  await env?.close();
});

let ip = 10;
async function signIn(email: string, password: string) {
  const res = await handleAuth(
    new Request(`${BASE}/api/auth/sign-in/email`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: BASE,
        "x-forwarded-for": `198.51.100.${++ip}`,
      },
      body: JSON.stringify({ email, password }),
    }),
    deps,
  );
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return { status: res.status, cookie };
}

async function trpcCall(cookie: string, path: string, input: unknown, mutation = false) {
  const url = `${BASE}/api/trpc/${path}`;
  const res = await handleTrpc(
    mutation
      ? new Request(url, {
          method: "POST",
          headers: { cookie, "content-type": "application/json", origin: BASE },
          body: JSON.stringify({ json: input }),
        })
      : new Request(`${url}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`, {
          headers: { cookie },
        }),
    customerRouter,
    deps,
  );
  const body = (await res.json()) as {
    result?: { data: { json: unknown } };
    error?: { json: { message: string; data: { code: string } } };
  };
  return {
    status: res.status,
    data: body.result?.data.json,
    message: body.error?.json.message ?? "",
    code: body.error?.json.data.code,
  };
}

let pastDay = 10;
/** A signed-in customer with a finished, paid party, a chat, and the emails about them. */
async function customerWithHistory(name: string) {
  const u = await createUser(env.t.db, "CUSTOMER");
  const staffUser = await createUser(env.t.db, "STAFF");
  // A party two weeks ago: booked then (the clock of that day), held, then done and paid.
  const then = new Date(Date.now() - 20 * DAY);
  const past = await book(env, {
    date: dayIn(-++pastDay),
    email: u.email,
    name,
    user: u,
    now: () => then,
    notes: `${name} is allergic to sesame`,
    allergies: `${name}: no sesame, no peanuts`,
  });
  await changeBookingStatus(
    env.t.db,
    {
      bookingId: past.id,
      action: "complete",
      actor: { kind: "staff", userId: staffUser.id, role: "STAFF" },
    },
    { cache: env.cache },
  );
  await recordPaymentAtEvent(
    env.t.db,
    { bookingId: past.id, method: "CASH", tipCents: 5000 },
    { userId: staffUser.id, role: "STAFF" },
    { cache: env.cache },
  );
  const chat = await env.t.db.conversation.create({ data: { userId: u.id } });
  await env.t.db.chatMessage.create({
    data: {
      conversationId: chat.id,
      role: "USER",
      content: `Hi, I'm ${name}, do you do birthdays?`,
    },
  });
  await env.t.db.emailMessage.create({
    data: {
      idempotencyKey: `test-mail:${u.id}`,
      to: u.email,
      subject: `Your booking ${past.code}`,
      text: `Hi ${name}, manage it: ${BASE}/bookings/${past.id}?token=secret-token-${u.id}`,
      status: "SENT",
    },
  });
  const session = await signIn(u.email, u.password);
  expect(session.status).toBe(200);
  return { user: u, past, chat, cookie: session.cookie };
}

describe("downloading my data", () => {
  it("is the caller's account, bookings, payments, chats and emails, and nothing of anyone else's", async () => {
    const me = await customerWithHistory("Mia");
    const other = await customerWithHistory("Otto");
    // Someone signs up with Otto's address but can't confirm it: Otto's bookings aren't theirs.
    const squatter = await createUser(env.t.db, "CUSTOMER");
    await env.t.db.user.update({ where: { id: squatter.id }, data: { emailVerified: false } });

    const r = await trpcCall(me.cookie, "account.exportData", undefined);
    expect(r.status, r.message).toBe(200);
    const data = r.data as {
      account: { email: string };
      bookings: {
        id: string;
        code: string;
        notes: string | null;
        allergies: string | null;
        contact: { email: string };
      }[];
      payments: { bookingId: string; amountCents: number; tipCents: number; method: string }[];
      chats: { messages: { text: string; from: string }[] }[];
      emails: { to: string; text: string }[];
    };
    expect(data.account.email).toBe(me.user.email);
    expect(data.bookings.map((b) => b.id)).toEqual([me.past.id]);
    expect(data.bookings[0]!.notes).toBe("Mia is allergic to sesame");
    // Allergies are the person's data too (health data): in the copy.
    expect(data.bookings[0]!.allergies).toBe("Mia: no sesame, no peanuts");
    const paid = await env.t.db.payment.findMany({ where: { bookingId: me.past.id } });
    expect(data.payments).toEqual([
      expect.objectContaining({
        bookingId: me.past.id,
        amountCents: paid[0]!.amountCents,
        tipCents: 5000,
        method: "CASH",
      }),
    ]);
    expect(data.chats).toHaveLength(1);
    expect(data.chats[0]!.messages[0]).toMatchObject({
      from: "you",
      text: "Hi, I'm Mia, do you do birthdays?",
    });
    expect(data.emails.map((e) => e.to)).toEqual([me.user.email]);
    // The copy can't be used to sign in or manage anything: secret links are taken out.
    expect(data.emails[0]!.text).not.toContain("secret-token");
    // Nothing of Otto's, anywhere in it.
    const text = JSON.stringify(data);
    for (const leak of [other.user.email, other.past.id, other.past.code, "Otto"])
      expect(text).not.toContain(leak);

    // The same copy over REST (the download link on My bookings), as a JSON file.
    const rest = await handleRest(
      new Request(`${BASE}/api/v1/me/data`, { headers: { cookie: me.cookie } }),
      "customer",
      deps,
    );
    expect(rest.status).toBe(200);
    const restData = (await rest.json()) as {
      bookings: { id: string; allergies: string | null }[];
    };
    expect(restData.bookings.map((b) => b.id)).toEqual([me.past.id]);
    // The download is the same copy: its documented shape keeps the allergies too.
    expect(restData.bookings[0]!.allergies).toBe("Mia: no sesame, no peanuts");

    // Not signed in: nothing.
    expect((await trpcCall("", "account.exportData", undefined)).code).toBe("UNAUTHORIZED");
    // An unconfirmed account with someone else's address gets its own (empty) copy only.
    const sq = await signIn(squatter.email, squatter.password);
    const sqData = (await trpcCall(sq.cookie, "account.exportData", undefined)).data as {
      bookings: unknown[];
      emails: unknown[];
    };
    expect(sqData.bookings).toEqual([]);
    expect(sqData.emails).toEqual([]);
  });
});

describe("deleting my account", () => {
  it("is refused while a party is still to come, with the booking named and nothing changed", async () => {
    const me = await customerWithHistory("Ines");
    const ahead = await book(env, { date: dayIn(20), email: me.user.email, user: me.user });
    const r = await trpcCall(me.cookie, "account.delete", { confirmEmail: me.user.email }, true);
    expect(r.status).toBe(412);
    expect(r.message).toContain(`You have a party coming up: ${ahead.code}`);
    expect(r.message).toMatch(/Cancel it on its page first/);
    expect(await env.t.db.user.count({ where: { id: me.user.id } })).toBe(1);
    const b = await env.t.db.booking.findUniqueOrThrow({ where: { id: ahead.id } });
    expect(b.contactEmail).toBe(me.user.email);

    // A confirmation that isn't the account's email: nothing happens either.
    const wrong = await trpcCall(
      me.cookie,
      "account.delete",
      { confirmEmail: "someone@example.com" },
      true,
    );
    expect(wrong.status).toBe(400);
    expect(wrong.message).toMatch(/isn't the email address of this account/);
    expect(await env.t.db.user.count({ where: { id: me.user.id } })).toBe(1);
  });

  it("keeps the bookings and payments without the person, ends every session and makes signing in impossible", async () => {
    const me = await customerWithHistory("Rosa");
    const neighbour = await customerWithHistory("Nils");
    // A party to come that Rosa cancels first (the way the refusal says).
    const ahead = await book(env, { date: dayIn(21), email: me.user.email, user: me.user });
    await cancelBooking(
      env.t.db,
      {
        bookingId: ahead.id,
        reason: "Rosa moved to Lisbon",
        actor: {
          kind: "customer",
          customerIds: [
            (await env.t.db.booking.findUniqueOrThrow({ where: { id: ahead.id } })).customerId!,
          ],
        },
      },
      { cache: env.cache },
    );
    const second = await signIn(me.user.email, me.user.password); // a second device
    const paymentsBefore = await env.t.db.payment.findMany({ where: { bookingId: me.past.id } });
    const customerIds = (await env.t.db.customer.findMany({ where: { email: me.user.email } })).map(
      (c) => c.id,
    );

    // Her party is in the follow-up campaign (post-event).
    await enrolCampaigns(env.t.db, new Date());
    const enrolment = await env.t.db.campaignEnrolment.findFirstOrThrow({
      where: { bookingId: me.past.id },
    });
    expect(enrolment).toMatchObject({ state: "ACTIVE", email: me.user.email.toLowerCase() });
    // She agreed to texts, and one is waiting in the SMS outbox.
    const phone = (await env.t.db.booking.findUniqueOrThrow({ where: { id: me.past.id } }))
      .contactPhone!;
    await env.t.db.contactConsent.create({
      data: {
        channel: "SMS",
        address: phone,
        status: "GRANTED",
        source: "booking-form",
        at: new Date(),
      },
    });
    const text = await env.t.db.smsMessage.create({
      data: { idempotencyKey: `campaign:${enrolment.id}:x`, to: phone, body: "MyHibachi: hi Rosa" },
    });

    const r = await trpcCall(
      me.cookie,
      "account.delete",
      { confirmEmail: me.user.email.toUpperCase() },
      true,
    );
    expect(r.status, r.message).toBe(200);
    expect(r.data).toMatchObject({ deleted: true, bookingsKept: 2, paymentsKept: 1 });

    // No campaign email ever again, and none of them names her.
    expect(
      await env.t.db.campaignEnrolment.findUniqueOrThrow({ where: { id: enrolment.id } }),
    ).toMatchObject({
      state: "EXITED",
      exitReason: "account deleted",
      email: null,
      firstName: null,
    });
    await enrolCampaigns(env.t.db, new Date(Date.now() + 120 * DAY));
    const mine = await env.t.db.campaignEnrolment.findMany({
      where: { customerId: { in: customerIds } },
    });
    expect(mine.every((e) => e.state === "EXITED" && e.email === null)).toBe(true);
    // Her SMS consent is gone, and the waiting text never goes, without her number or words.
    expect(await env.t.db.contactConsent.count({ where: { address: phone } })).toBe(0);
    expect(await env.t.db.smsMessage.findUniqueOrThrow({ where: { id: text.id } })).toMatchObject({
      status: "FAILED",
      to: "deleted",
      error: "Not sent: the customer deleted their account.",
    });

    // The books: both bookings and the payment are still there, without Rosa.
    for (const id of [me.past.id, ahead.id]) {
      const b = await env.t.db.booking.findUniqueOrThrow({ where: { id } });
      expect(b).toMatchObject({
        contactName: DELETED_NAME,
        contactEmail: `deleted-${b.customerId}@deleted.invalid`,
        contactPhone: "(removed)",
        addressLine1: "(address removed)",
        addressLine2: null,
        notes: null,
      });
      expect(JSON.stringify(b)).not.toMatch(/Rosa|Lisbon|sesame|Maple/);
      expect(b.totalCents).toBeGreaterThan(0);
      expect(await env.t.db.bookingAccessToken.count({ where: { bookingId: id } })).toBe(0);
      const events = await env.t.db.bookingEvent.findMany({ where: { bookingId: id } });
      expect(JSON.stringify(events)).not.toContain("Lisbon");
    }
    expect(await env.t.db.payment.findMany({ where: { bookingId: me.past.id } })).toEqual(
      paymentsBefore,
    );
    for (const id of customerIds) {
      const c = await env.t.db.customer.findUniqueOrThrow({ where: { id } });
      expect(c).toMatchObject({ name: DELETED_NAME, phone: null, notes: null, userId: null });
      expect(c.email).toBe(`deleted-${id}@deleted.invalid`);
    }
    expect(await env.t.db.conversation.count({ where: { id: me.chat.id } })).toBe(0);
    const mail = await env.t.db.emailMessage.findUniqueOrThrow({
      where: { idempotencyKey: `test-mail:${me.user.id}` },
    });
    expect(mail.to).not.toBe(me.user.email);
    expect(mail.text).not.toMatch(/Rosa|secret-token/);

    // No account, no session (on either device), no sign-in.
    expect(await env.t.db.user.count({ where: { id: me.user.id } })).toBe(0);
    expect(await env.t.db.session.count({ where: { userId: me.user.id } })).toBe(0);
    for (const cookie of [me.cookie, second.cookie])
      expect(await sessionUser(deps, new Headers({ cookie }))).toBeNull();
    expect((await trpcCall(me.cookie, "account.exportData", undefined)).code).toBe("UNAUTHORIZED");
    const again = await signIn(me.user.email, me.user.password);
    expect(again.status).toBe(401);
    expect(again.cookie).not.toMatch(/session_token=\w/);
    // The old manage link opens nothing.
    const link = await trpcCall("", "booking.get", { id: me.past.id, token: me.past.accessToken });
    expect(link.code).toBe("NOT_FOUND");

    // The neighbour's account and party are as they were.
    const n = await env.t.db.booking.findUniqueOrThrow({ where: { id: neighbour.past.id } });
    expect(n.contactEmail).toBe(neighbour.user.email);
    expect(n.notes).toBe("Nils is allergic to sesame");
    expect(await env.t.db.user.count({ where: { id: neighbour.user.id } })).toBe(1);
  });

  it("takes out the allergies and the calendar files (the address) of the emails too", async () => {
    const me = await customerWithHistory("Dana");
    const ahead = await book(env, {
      date: dayIn(22),
      email: me.user.email,
      user: me.user,
      line2: "Apt 7",
      allergies: "Shellfish allergy (severe)",
      dietaryProfile: { avoid: [{ value: "shellfish", guests: 1 }], diets: [], likes: [] },
    });
    // The booking email as the sender stores it: its text, and the .ics with the address.
    const mail = await composeBookingEmail(
      env.t.db,
      { type: "booking.created", bookingId: ahead.id },
      BASE,
    );
    await env.t.db.emailMessage.create({
      data: {
        idempotencyKey: mail!.idempotencyKey,
        to: mail!.to,
        subject: mail!.subject,
        text: mail!.text,
        html: mail!.html,
        attachments: mail!.attachments as unknown as object,
        status: "SENT",
      },
    });
    const stored = await env.t.db.emailMessage.findUniqueOrThrow({
      where: { idempotencyKey: mail!.idempotencyKey },
    });
    expect(JSON.stringify(stored.attachments)).toContain("Maple");
    expect(JSON.stringify(stored.attachments)).toContain("Apt 7");
    const aheadRow = await env.t.db.booking.findUniqueOrThrow({ where: { id: ahead.id } });
    const customerId = aheadRow.customerId!;
    // The customer changes the allergies once (the history keeps from and to), then cancels;
    // the party and prices are as booked, so the total confirmed is the booking's own.
    await customerCaller(env, me.user).booking.change({
      id: ahead.id,
      selection: classicSelection(10),
      allergies: "Shellfish allergy (severe), no peanuts",
      dietaryProfile: {
        avoid: [
          { value: "shellfish", guests: 1 },
          { value: "peanuts", guests: 1 },
        ],
        diets: [],
        likes: [],
      },
      expectedTotalCents: aheadRow.totalCents,
    });
    // Saved on the account too (their own booking, signed in).
    expect(
      (await env.t.db.customer.findUniqueOrThrow({ where: { id: customerId } })).dietaryProfile,
    ).not.toBeNull();
    await cancelBooking(
      env.t.db,
      {
        bookingId: ahead.id,
        reason: "Plans changed",
        actor: { kind: "customer", customerIds: [customerId] },
      },
      { cache: env.cache },
    );

    const r = await trpcCall(me.cookie, "account.delete", { confirmEmail: me.user.email }, true);
    expect(r.status, r.message).toBe(200);

    const b = await env.t.db.booking.findUniqueOrThrow({ where: { id: ahead.id } });
    expect(b.allergies).toBeNull();
    expect(b.dietaryProfile).toBeNull();
    expect(b.addressLine2).toBeNull();
    expect(
      (await env.t.db.customer.findUniqueOrThrow({ where: { id: customerId } })).dietaryProfile,
    ).toBeNull();
    const events = await env.t.db.bookingEvent.findMany({ where: { bookingId: ahead.id } });
    expect(JSON.stringify(events)).not.toMatch(/Shellfish|peanuts/i);
    const after = await env.t.db.emailMessage.findUniqueOrThrow({
      where: { idempotencyKey: mail!.idempotencyKey },
    });
    expect(after.attachments).toBeNull();
    expect(JSON.stringify(after)).not.toMatch(/Maple|Apt 7|Shellfish/);
  });

  it("a staff or owner account can't be deleted from the customer site", async () => {
    const staffUser = await createUser(env.t.db, "STAFF");
    const s = await signIn(staffUser.email, staffUser.password);
    const r = await trpcCall(s.cookie, "account.delete", { confirmEmail: staffUser.email }, true);
    expect(r.code).toBe("FORBIDDEN");
    expect(await env.t.db.user.count({ where: { id: staffUser.id } })).toBe(1);
  });
});
