// Issue 12, point 7: the assistant says what the business really does with money. Without
// Stripe keys nothing is taken online, so no answer promises a deposit or a refund; with Stripe
// the deposit holds the date and is refunded by the cancellation policy. Figures come from the
// settings row (the truth), not from the assistant's phrases.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupAi, visitor, type AiEnv } from "./ai-support";

const money = (c: number) => `$${(c / 100).toLocaleString("en-US", { minimumFractionDigits: 2 })}`;

const QUESTIONS = [
  "how much is the deposit?",
  "what are your prices",
  "how much for 12 adults classic in 95125",
  "what's your cancellation policy",
  "can I reschedule?",
  "¿cuánto es el depósito?",
];

describe.each([
  { payOnline: false, title: "paid at the event (no Stripe keys)" },
  { payOnline: true, title: "deposit paid online (Stripe)" },
])("the assistant when $title", ({ payOnline }) => {
  let env: AiEnv;
  beforeAll(async () => {
    env = await setupAi({ chefs: 1, payOnline });
  });
  afterAll(async () => env?.closeAll());

  it("speaks of a deposit and its refund only when one is taken online", async () => {
    const s = await env.t.db.businessSettings.findUniqueOrThrow({ where: { id: 1 } });
    for (const q of QUESTIONS) {
      const r = await env.ask(env.customer({ visitorId: visitor() }), q);
      if (payOnline) {
        if (/deposit|depósito|prices/.test(q))
          expect(r.content, q).toContain(money(s.depositCents));
      } else {
        expect(r.content, q).not.toMatch(
          /deposit (holds|confirms)|refund of the deposit|refunds the deposit|dep[oó]sito de|devuelve/i,
        );
        expect(r.content, q).not.toContain(`${money(s.depositCents)} deposit`);
      }
    }
  });

  it("a hold made in the chat says how it is paid", async () => {
    const r = await env.ask(
      env.customer({ visitorId: visitor() }),
      "please hold Saturday January 16 at 5pm for 12 people in 95125",
    );
    expect(r.content).toMatch(/holding/i);
    if (payOnline) expect(r.content).toMatch(/deposit holds the date/);
    else expect(r.content).toMatch(/paid at the event/);
  });
});
