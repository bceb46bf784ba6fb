// A small Stripe-compatible HTTP server for tests, e2e and the bench: Stripe itself is not
// reachable here, so the real `stripe` SDK is pointed at this (host/port/protocol). It implements
// the endpoints the app uses (Checkout sessions create/retrieve/expire, payment intents, refunds),
// Stripe's idempotency rule (same key + same parameters = the same answer; same key + other
// parameters = 400 idempotency_error), a hosted "checkout page" with Pay / Decline buttons, and
// webhooks signed with the endpoint secret by `stripe.webhooks.generateTestHeaderString`.
import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";

type Obj = Record<string, unknown>;

export interface FakeStripeOptions {
  /** Where webhooks go (the app's /api/stripe/webhook); null = keep them (see `events`). */
  webhookUrl?: string | null;
  webhookSecret?: string;
  port?: number;
  /** Wait this long before delivering a webhook (a success redirect then arrives first). */
  webhookDelayMs?: number;
}

export interface SentEvent {
  event: Obj & { id: string; type: string };
  payload: string;
  /** HTTP statuses of the deliveries (retries included). */
  deliveries: number[];
}

const now = () => Math.floor(Date.now() / 1000);
const newId = (prefix: string) => `${prefix}_test_${randomBytes(12).toString("hex")}`;

/** Parses Stripe's form encoding (`a[b][0][c]=1`) into nested objects and arrays. */
export function parseStripeForm(body: string): Obj {
  const out: Obj = {};
  for (const pair of body.split("&")) {
    if (!pair) continue;
    const eq = pair.indexOf("=");
    const rawKey = decodeURIComponent((eq < 0 ? pair : pair.slice(0, eq)).replace(/\+/g, " "));
    const value = eq < 0 ? "" : decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, " "));
    const path = rawKey.split(/\[|\]\[|\]/).filter((s, i) => s !== "" || i === 0);
    let node: Obj | unknown[] = out;
    path.forEach((part, i) => {
      const last = i === path.length - 1;
      const key: string | number = Array.isArray(node) ? Number(part) : part;
      if (last) {
        (node as Record<string | number, unknown>)[key] = value;
        return;
      }
      const nextIsIndex = /^\d+$/.test(path[i + 1]!);
      const cur = (node as Record<string | number, unknown>)[key];
      if (cur === undefined)
        (node as Record<string | number, unknown>)[key] = nextIsIndex ? [] : {};
      node = (node as Record<string | number, unknown>)[key] as Obj | unknown[];
    });
  }
  return out;
}

function stripeError(
  res: ServerResponse,
  status: number,
  type: string,
  message: string,
  code?: string,
) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ error: { type, message, ...(code ? { code } : {}) } }));
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export class FakeStripe {
  readonly sessions = new Map<string, Obj>();
  readonly paymentIntents = new Map<string, Obj>();
  readonly refunds = new Map<string, Obj>();
  readonly charges = new Map<string, Obj>();
  readonly disputes = new Map<string, Obj>();
  /** Every event made, in order (delivered or not). */
  readonly events: SentEvent[] = [];
  /** Every API request: method, path and idempotency key. */
  readonly requests: { method: string; path: string; idempotencyKey: string | null }[] = [];
  webhookUrl: string | null;
  webhookDelayMs: number;
  readonly webhookSecret: string;
  private readonly idem = new Map<string, { hash: string; status: number; body: string }>();
  private refundFailures: { left: number; status: number; message: string } | null = null;
  private server: Server | null = null;
  private readonly signer = new Stripe("sk_test_fake_signer");
  private pending = new Set<Promise<unknown>>();
  port = 0;

  constructor(private readonly opts: FakeStripeOptions = {}) {
    this.webhookUrl = opts.webhookUrl ?? null;
    this.webhookSecret = opts.webhookSecret ?? "whsec_test_fake_stripe_secret";
    this.webhookDelayMs = opts.webhookDelayMs ?? 0;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The env that points the app's Stripe client here. */
  env(secretKey = "sk_test_fake_stripe"): Record<string, string> {
    return {
      STRIPE_SECRET_KEY: secretKey,
      STRIPE_WEBHOOK_SECRET: this.webhookSecret,
      STRIPE_API_HOST: "127.0.0.1",
      STRIPE_API_PORT: String(this.port),
      STRIPE_API_PROTOCOL: "http",
    };
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        if (!res.headersSent) stripeError(res, 500, "api_error", String(err));
        else res.end();
      });
    });
    await new Promise<void>((resolve) =>
      this.server!.listen(this.opts.port ?? 0, "127.0.0.1", resolve),
    );
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    await this.settled();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  /** Waits for webhook deliveries in flight. */
  async settled(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  /** The next `n` refund requests fail as Stripe does when it's having trouble. */
  failRefunds(n: number, status = 500, message = "Something went wrong on Stripe's end.") {
    this.refundFailures = { left: n, status, message };
  }

  // ------------------------------------------------------------------ checkout, from the "page"

  /** The customer pays on the hosted page: session complete, payment intent succeeded, webhooks. */
  async pay(sessionId: string): Promise<Obj> {
    const s = this.sessions.get(sessionId);
    if (!s) throw new Error(`no such session ${sessionId}`);
    if (s.status !== "open") throw new Error(`session ${sessionId} is ${String(s.status)}`);
    const amount = s.amount_total as number;
    const piData = (s.payment_intent_data as Obj | undefined) ?? {};
    const pi: Obj = {
      id: newId("pi"),
      object: "payment_intent",
      amount,
      amount_received: amount,
      currency: s.currency,
      status: "succeeded",
      metadata: (piData.metadata as Obj | undefined) ?? {},
      latest_charge: newId("ch"),
      created: now(),
      livemode: false,
    };
    this.paymentIntents.set(pi.id as string, pi);
    this.charges.set(pi.latest_charge as string, {
      id: pi.latest_charge,
      object: "charge",
      amount,
      amount_refunded: 0,
      payment_intent: pi.id,
      refunds: { object: "list", data: [] },
      created: now(),
    });
    Object.assign(s, { status: "complete", payment_status: "paid", payment_intent: pi.id });
    this.emit("checkout.session.completed", s);
    this.emit("payment_intent.succeeded", pi);
    return s;
  }

  /** A declined card: the session stays open (the customer may try again). */
  decline(sessionId: string): void {
    const s = this.sessions.get(sessionId);
    if (!s || s.status !== "open") return;
    const piData = (s.payment_intent_data as Obj | undefined) ?? {};
    this.emit("payment_intent.payment_failed", {
      id: newId("pi"),
      object: "payment_intent",
      amount: s.amount_total,
      currency: s.currency,
      status: "requires_payment_method",
      metadata: (piData.metadata as Obj | undefined) ?? {},
      last_payment_error: { message: "Your card was declined.", code: "card_declined" },
      created: now(),
    });
  }

  /** Opens a chargeback on a paid payment intent (and, with `close`, decides it). */
  dispute(paymentIntentId: string, status: "needs_response" | "won" | "lost" = "needs_response") {
    const pi = this.paymentIntents.get(paymentIntentId);
    if (!pi) throw new Error(`no such payment intent ${paymentIntentId}`);
    let d = [...this.disputes.values()].find((x) => x.payment_intent === paymentIntentId);
    if (!d) {
      d = {
        id: newId("dp"),
        object: "dispute",
        amount: pi.amount,
        currency: pi.currency,
        charge: pi.latest_charge,
        payment_intent: paymentIntentId,
        reason: "fraudulent",
        status: "needs_response",
        created: now(),
      };
      this.disputes.set(d.id as string, d);
      this.emit("charge.dispute.created", d);
    }
    if (status !== "needs_response") {
      d.status = status;
      this.emit("charge.dispute.closed", d);
    }
    return d;
  }

  // ------------------------------------------------------------------ webhooks

  /** Makes an event for `object` and delivers it (unless no webhook URL is set). */
  emit(type: string, object: Obj): SentEvent {
    const event = {
      id: newId("evt"),
      object: "event",
      api_version: "2026-10-28.endive",
      created: now(),
      livemode: false,
      pending_webhooks: 1,
      type,
      data: { object: structuredClone(object) },
    };
    const sent: SentEvent = { event, payload: JSON.stringify(event), deliveries: [] };
    this.events.push(sent);
    if (this.webhookUrl) {
      const p = this.deliver(sent).finally(() => this.pending.delete(p));
      this.pending.add(p);
    }
    return sent;
  }

  /** The Stripe-Signature header for a payload, as Stripe signs it. */
  sign(payload: string, secret = this.webhookSecret): string {
    return this.signer.webhooks.generateTestHeaderString({ payload, secret });
  }

  /** Posts one event to the webhook URL (again), retrying like Stripe on failure. */
  async deliver(sent: SentEvent, url = this.webhookUrl): Promise<number> {
    if (!url) return 0;
    if (this.webhookDelayMs) await new Promise((r) => setTimeout(r, this.webhookDelayMs));
    for (let attempt = 0; attempt < 4; attempt++) {
      let status = 0;
      try {
        const res = await fetch(url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "stripe-signature": this.sign(sent.payload),
          },
          body: sent.payload,
        });
        status = res.status;
        await res.arrayBuffer();
      } catch {
        status = 0;
      }
      sent.deliveries.push(status);
      if (status >= 200 && status < 300) return status;
      await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
    }
    return sent.deliveries.at(-1) ?? 0;
  }

  // ------------------------------------------------------------------ HTTP

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", this.url);
    const path = url.pathname;
    const body = req.method === "POST" ? await readBody(req) : "";
    if (path.startsWith("/pay/")) return this.page(req, res, path, body);
    if (!path.startsWith("/v1/"))
      return stripeError(res, 404, "invalid_request_error", "Unrecognized request URL");
    const auth = req.headers.authorization ?? "";
    if (!/^Bearer sk_(test|live)_/.test(auth))
      return stripeError(res, 401, "invalid_request_error", "Invalid API Key provided.");
    const key = (req.headers["idempotency-key"] as string | undefined) ?? null;
    this.requests.push({ method: req.method ?? "GET", path, idempotencyKey: key });
    if (req.method === "POST" && key) {
      const hash = createHash("sha256").update(`${path}\n${body}`).digest("hex");
      const seen = this.idem.get(key);
      if (seen) {
        if (seen.hash !== hash)
          return stripeError(
            res,
            400,
            "idempotency_error",
            `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
          );
        res.writeHead(seen.status, {
          "content-type": "application/json",
          "idempotent-replayed": "true",
        });
        return res.end(seen.body);
      }
      const captured = { status: 200, body: "" };
      const fakeRes = {
        writeHead: (s: number) => ((captured.status = s), fakeRes),
        end: (b: string) => ((captured.body = b), fakeRes),
        headersSent: false,
      } as unknown as ServerResponse;
      this.api(req.method, path, parseStripeForm(body), fakeRes);
      // Like Stripe: a 500 is not saved under the key (the request may be retried with it).
      if (captured.status < 500) this.idem.set(key, { hash, ...captured });
      res.writeHead(captured.status, { "content-type": "application/json" });
      return res.end(captured.body);
    }
    this.api(req.method ?? "GET", path, req.method === "POST" ? parseStripeForm(body) : {}, res);
  }

  private api(method: string | undefined, path: string, p: Obj, res: ServerResponse) {
    const m = (re: RegExp) => path.match(re);
    let r: RegExpMatchArray | null;
    if (method === "POST" && path === "/v1/checkout/sessions")
      return json(res, 200, this.createSession(p));
    if (method === "GET" && (r = m(/^\/v1\/checkout\/sessions\/([^/]+)$/))) {
      const s = this.sessions.get(r[1]!);
      return s
        ? json(res, 200, s)
        : stripeError(
            res,
            404,
            "invalid_request_error",
            `No such checkout.session: '${r[1]}'`,
            "resource_missing",
          );
    }
    if (method === "POST" && (r = m(/^\/v1\/checkout\/sessions\/([^/]+)\/expire$/))) {
      const s = this.sessions.get(r[1]!);
      if (!s)
        return stripeError(
          res,
          404,
          "invalid_request_error",
          `No such checkout.session: '${r[1]}'`,
          "resource_missing",
        );
      if (s.status !== "open")
        return stripeError(
          res,
          400,
          "invalid_request_error",
          `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${String(s.status)}".`,
        );
      s.status = "expired";
      this.emit("checkout.session.expired", s);
      return json(res, 200, s);
    }
    if (method === "GET" && (r = m(/^\/v1\/payment_intents\/([^/]+)$/))) {
      const pi = this.paymentIntents.get(r[1]!);
      return pi
        ? json(res, 200, pi)
        : stripeError(
            res,
            404,
            "invalid_request_error",
            `No such payment_intent: '${r[1]}'`,
            "resource_missing",
          );
    }
    if (method === "POST" && path === "/v1/refunds") return this.createRefund(p, res);
    if (method === "GET" && (r = m(/^\/v1\/refunds\/([^/]+)$/))) {
      const re = this.refunds.get(r[1]!);
      return re
        ? json(res, 200, re)
        : stripeError(
            res,
            404,
            "invalid_request_error",
            `No such refund: '${r[1]}'`,
            "resource_missing",
          );
    }
    return stripeError(
      res,
      404,
      "invalid_request_error",
      `Unrecognized request URL (${method}: ${path}).`,
    );
  }

  private createSession(p: Obj): Obj {
    const items = (p.line_items as Obj[] | undefined) ?? [];
    const amount = items.reduce((sum, li) => {
      const pd = li.price_data as Obj;
      return sum + Number(pd.unit_amount) * Number(li.quantity ?? 1);
    }, 0);
    const id = newId("cs");
    const s: Obj = {
      id,
      object: "checkout.session",
      mode: p.mode ?? "payment",
      status: "open",
      payment_status: "unpaid",
      amount_total: amount,
      amount_subtotal: amount,
      currency: ((items[0]?.price_data as Obj | undefined)?.currency as string) ?? "usd",
      client_reference_id: p.client_reference_id ?? null,
      customer_email: p.customer_email ?? null,
      metadata: p.metadata ?? {},
      payment_intent_data: p.payment_intent_data ?? {},
      success_url: p.success_url,
      cancel_url: p.cancel_url ?? null,
      expires_at: p.expires_at ? Number(p.expires_at) : now() + 24 * 3600,
      payment_intent: null,
      created: now(),
      livemode: false,
      url: `${this.url}/pay/${id}`,
    };
    this.sessions.set(id, s);
    return s;
  }

  private createRefund(p: Obj, res: ServerResponse) {
    if (this.refundFailures && this.refundFailures.left > 0) {
      this.refundFailures.left--;
      return stripeError(res, this.refundFailures.status, "api_error", this.refundFailures.message);
    }
    const pi = this.paymentIntents.get(String(p.payment_intent));
    if (!pi)
      return stripeError(
        res,
        404,
        "invalid_request_error",
        `No such payment_intent: '${String(p.payment_intent)}'`,
        "resource_missing",
      );
    const charge = this.charges.get(pi.latest_charge as string)!;
    const amount = p.amount
      ? Number(p.amount)
      : (pi.amount as number) - (charge.amount_refunded as number);
    if (amount <= 0 || (charge.amount_refunded as number) + amount > (pi.amount as number))
      return stripeError(
        res,
        400,
        "invalid_request_error",
        `Refund amount (${amount}) is greater than unrefunded amount on charge.`,
        "amount_too_large",
      );
    const refund: Obj = {
      id: newId("re"),
      object: "refund",
      amount,
      currency: pi.currency,
      charge: charge.id,
      payment_intent: pi.id,
      status: "succeeded",
      reason: p.reason ?? null,
      metadata: p.metadata ?? {},
      created: now(),
    };
    this.refunds.set(refund.id as string, refund);
    charge.amount_refunded = (charge.amount_refunded as number) + amount;
    (charge.refunds as { data: Obj[] }).data.push(refund);
    charge.refunded = charge.amount_refunded === pi.amount;
    this.emit("refund.created", refund);
    this.emit("charge.refunded", charge);
    return json(res, 200, refund);
  }

  /** The hosted checkout page: GET shows it, POST pay / decline acts as the customer. */
  private async page(req: IncomingMessage, res: ServerResponse, path: string, _body: string) {
    const [, , id, action] = path.split("/");
    const s = this.sessions.get(id ?? "");
    if (!s) {
      res.writeHead(404, { "content-type": "text/html" });
      return res.end("<h1>This checkout page doesn't exist.</h1>");
    }
    if (req.method === "POST" && action === "pay" && s.status === "open") {
      await this.pay(id!);
      const to = String(s.success_url).replace("{CHECKOUT_SESSION_ID}", id!);
      res.writeHead(303, { location: to });
      return res.end();
    }
    let notice = "";
    if (req.method === "POST" && action === "decline") {
      this.decline(id!);
      notice = `<p role="alert">Your card was declined. Try another card.</p>`;
    }
    const amount = `$${((s.amount_total as number) / 100).toFixed(2)}`;
    const body =
      s.status === "open"
        ? `${notice}<form method="post" action="/pay/${id}/pay"><button type="submit">Pay ${amount}</button></form>
           <form method="post" action="/pay/${id}/decline"><button type="submit">Decline card</button></form>
           ${s.cancel_url ? `<a href="${esc(String(s.cancel_url))}">Back</a>` : ""}`
        : `<p>This checkout session is ${esc(String(s.status))}.</p>`;
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html><head><title>Test checkout</title></head><body>
      <h1>Test checkout</h1><p>Pay ${amount} to MyHibachi</p>${body}</body></html>`);
  }
}

/** Starts a fake Stripe on a free (or given) port. */
export function startFakeStripe(opts: FakeStripeOptions = {}): Promise<FakeStripe> {
  return new FakeStripe(opts).start();
}
