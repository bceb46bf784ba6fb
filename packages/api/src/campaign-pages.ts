// The two pages campaign emails link to, served by the customer app without sign-in (the signed
// token in the link is the authority; core/campaigns/tokens.ts):
//
//   /unsubscribe?token=   GET: a page with one button. POST: unsubscribes, from that button or
//                         from a mail client's RFC 8058 one-click request (body
//                         "List-Unsubscribe=One-Click", no Origin: the edge lets this path through,
//                         see http/edge.ts). Idempotent.
//   /feedback?token=      GET: "How was your party?" with 1-5 buttons and a comment box. POST:
//                         stores the rating once; a low one alerts the owner by email (outbox).
//   /r?token=             GET: a campaign email's tracked link: records the send's first click
//                         and answers 303 to the target (our own path, or the owner's review
//                         page as the settings say now; never anywhere else). core/campaigns/clicks.ts.
//
// Both answer readable HTML: a broken or expired link is a 400 page that says what to do, never a
// 500, and writes nothing.
import {
  AppError,
  CLICK_LINK_BROKEN,
  escapeHtml,
  feedbackBookingByToken,
  type FeedbackBooking,
  followCampaignClick,
  submitEventFeedback,
  UNSUBSCRIBE_LINK_BROKEN,
  unsubscribeByToken,
  verifyCampaignToken,
} from "@myhibachi/core";
import type { Db } from "@myhibachi/db";
import { describeUnsafeText } from "@myhibachi/shared";
import type { EmailMessageInput } from "./context";
import { LIMITS, readBodyLimited } from "./http";

export interface CampaignPageDeps {
  db: Db;
  /** The app's AUTH_SECRET (the worker signs the links with the same one). */
  cookieSecret: string;
  now?: () => Date;
  /** Hands a stored email to the worker (the owner's low-rating alert). */
  sendEmail?: (msg: EmailMessageInput) => Promise<void>;
}

function page(
  status: number,
  title: string,
  body: string,
  extraHeaders?: Record<string, string>,
): Response {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)} · MyHibachi</title></head>
<body style="margin:0;background:#fafaf9;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#1c1917">
<main style="max-width:520px;margin:0 auto;padding:40px 20px;font-size:16px;line-height:1.5">
<h1 style="font-size:24px;margin:0 0 16px">${escapeHtml(title)}</h1>
${body}
<p style="margin-top:32px"><a href="/" style="color:#c2410c">MyHibachi home</a></p>
</main></body></html>`;
  return new Response(html, {
    status,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "referrer-policy": "no-referrer",
      ...extraHeaders,
    },
  });
}

const BUTTON =
  "display:inline-block;background:#c2410c;color:#fff;border:0;font-weight:700;font-size:16px;padding:12px 20px;border-radius:8px;cursor:pointer";

/** A posted form's fields, and whether any of it wasn't valid UTF-8 (see `formOf`). */
interface Form {
  fields: URLSearchParams;
  /** Bytes or %-escapes that aren't UTF-8 (a lone surrogate "%ED%A0%80"): shown as "\uFFFD". */
  broken: boolean;
}

const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true });

/** Whether every name and value of a urlencoded body %-decodes to valid UTF-8. */
function formIsUtf8(body: string): boolean {
  for (const pair of body.split("&"))
    for (const part of pair.split("=")) {
      try {
        // A "%" not followed by two hex digits is kept as it is (as URLSearchParams does).
        decodeURIComponent(part.replace(/\+/g, " ").replace(/%(?![0-9A-Fa-f]{2})/g, "%25"));
      } catch {
        return false;
      }
    }
  return true;
}

/**
 * The posted form, decoded strictly: URLSearchParams would turn bytes that aren't UTF-8 into
 * "\uFFFD" without a word, and a comment would be published as "���" (attack round 2, G3).
 * The fields are still given (with "\uFFFD" where it broke) so a refusal can show the form again.
 */
async function formOf(req: Request): Promise<Form | Response> {
  const read = await readBodyLimited(req, LIMITS.apiBodyBytes);
  if (read.refuse) return read.refuse;
  let text = "";
  let broken = false;
  if (read.body)
    try {
      text = STRICT_UTF8.decode(read.body);
    } catch {
      text = new TextDecoder().decode(read.body);
      broken = true;
    }
  return { fields: new URLSearchParams(text), broken: broken || !formIsUtf8(text) };
}

function refusal(err: unknown, title: string): Response {
  if (err instanceof AppError)
    return page(err.code === "CONFLICT" ? 409 : 400, title, `<p>${escapeHtml(err.message)}</p>`);
  console.error(`[campaigns] ${title}`, err);
  return page(503, title, "<p>Something went wrong on our side. Please try again in a minute.</p>");
}

export async function handleUnsubscribe(req: Request, deps: CampaignPageDeps): Promise<Response> {
  const url = new URL(req.url);
  const token = url.searchParams.get("token") ?? "";
  const now = deps.now?.() ?? new Date();
  if (req.method === "GET") {
    // Nothing changes on GET (link scanners open every link): the button does it.
    try {
      const body = verifyCampaignToken(deps.cookieSecret, token, "unsubscribe", now);
      if (!body) throw new AppError("BAD_REQUEST", UNSUBSCRIBE_LINK_BROKEN);
      return page(
        200,
        "Unsubscribe",
        `<p>Stop our follow-up emails (offers, reminders about a booking you started, "how was it?") to <strong>${escapeHtml(body.subject)}</strong>?</p>
<p>Emails about a booking you make (confirmations, reminders before the party) still come.</p>
<form method="post" action="/unsubscribe?token=${encodeURIComponent(token)}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit" style="${BUTTON}">Unsubscribe</button></form>`,
      );
    } catch (err) {
      return refusal(err, "Unsubscribe");
    }
  }
  if (req.method !== "POST")
    return page(405, "Unsubscribe", "<p>Open the link from the email.</p>");
  const posted = await formOf(req);
  if (posted instanceof Response) return posted;
  try {
    const r = await unsubscribeByToken(deps.db, { secret: deps.cookieSecret, token, now });
    return page(
      200,
      "You're unsubscribed",
      `<p>${escapeHtml(r.email)} gets no more follow-up emails from us${r.alreadyUnsubscribed ? " (it was already off the list)" : ""}.</p><p>Changed your mind? Reply to any of our emails.</p>`,
    );
  } catch (err) {
    return refusal(err, "Unsubscribe");
  }
}

/**
 * The rating form. Shown again after a refused answer (400) with the sentence and what they typed
 * (invisible characters that can't be kept shown as "\uFFFD", so they can see where they were).
 */
function feedbackForm(
  status: number,
  b: FeedbackBooking,
  token: string,
  again?: { error: string; comment: string; publicOk: boolean; rating?: number },
): Response {
  // Stars are choices, not buttons that send: a customer who taps a star first can still write
  // a comment before "Send" (attack 14, F17). Plain HTML, no script: the checked star is styled
  // with :checked.
  const stars = [1, 2, 3, 4, 5]
    .map(
      (n) =>
        `<label class="star"><input type="radio" name="rating" value="${n}" required${again?.rating === n ? " checked" : ""}><span aria-hidden="true">${n} ★</span><span class="sr">${n} of 5</span></label>`,
    )
    .join("");
  const shown = (again?.comment ?? "").replace(
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g,
    "\uFFFD",
  );
  const error = again
    ? `<p id="comment-error" role="alert" style="color:#b91c1c;font-weight:600">${escapeHtml(again.error)}</p>`
    : "";
  return page(
    status,
    "How was your party?",
    `<style>.star{display:inline-block;margin:0 6px 8px 0}.star input{position:absolute;opacity:0;width:1px;height:1px}.star span[aria-hidden]{display:inline-block;min-width:44px;min-height:44px;box-sizing:border-box;padding:10px 14px;border:2px solid #c2410c;border-radius:8px;color:#9a3412;font-weight:700;font-size:16px;cursor:pointer;text-align:center}.star input:checked+span{background:#c2410c;color:#fff}.star input:focus-visible+span{outline:3px solid #1d4ed8;outline-offset:2px}.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}</style>
<p>Your party on ${escapeHtml(b.when)} (booking ${escapeHtml(b.code)}). Choose a rating from 1 (poor) to 5 (wonderful), add a comment if you like, and send.</p>
${error}<form method="post" action="/feedback?token=${encodeURIComponent(token)}">
<fieldset style="border:0;padding:0;margin:0"><legend style="font-weight:600;margin-bottom:8px">Your rating</legend>${stars}</fieldset>
<label for="comment" style="display:block;margin:16px 0 6px">Anything to tell us? (optional)</label>
<textarea id="comment" name="comment" rows="4" maxlength="2000"${again ? ' aria-invalid="true" aria-describedby="comment-error"' : ""} style="width:100%;box-sizing:border-box;font:inherit;padding:8px;border:1px solid #a8a29e;border-radius:6px">${escapeHtml(shown)}</textarea>
<label style="display:flex;gap:8px;align-items:flex-start;margin:12px 0 0;min-height:44px"><input type="checkbox" name="publicOk" value="yes"${again?.publicOk ? " checked" : ""} style="width:22px;height:22px;margin:2px 0 0;flex:none"> <span>You may show my comment on your site, with my first name and city (only with a rating of 4 or 5).</span></label>
<div style="margin-top:16px"><button type="submit" style="${BUTTON}">Send</button></div>
</form>`,
  );
}

export async function handleFeedback(req: Request, deps: CampaignPageDeps): Promise<Response> {
  const url = new URL(req.url);
  const token = url.searchParams.get("token") ?? "";
  const now = deps.now?.() ?? new Date();
  const title = "How was your party?";
  if (req.method === "GET") {
    try {
      const b = await feedbackBookingByToken(deps.db, { secret: deps.cookieSecret, token, now });
      if (b.rated !== null)
        return page(
          200,
          "Thank you!",
          `<p>We have your rating for your party on ${escapeHtml(b.when)}: ${b.rated} of 5.</p>`,
        );
      return feedbackForm(200, b, token);
    } catch (err) {
      return refusal(err, title);
    }
  }
  if (req.method !== "POST") return page(405, title, "<p>Open the link from the email.</p>");
  const posted = await formOf(req);
  if (posted instanceof Response) return posted;
  const form = posted.fields;
  const rating = Number(form.get("rating"));
  try {
    if (posted.broken) {
      // A bad link says so first (as submitEventFeedback would); then the broken text.
      await feedbackBookingByToken(deps.db, { secret: deps.cookieSecret, token, now });
      throw new AppError(
        "BAD_REQUEST",
        describeUnsafeText({ path: "comment", problem: "surrogate" }),
        { field: "comment" },
      );
    }
    const r = await submitEventFeedback(deps.db, {
      secret: deps.cookieSecret,
      token,
      rating,
      comment: form.get("comment"),
      publicOk: form.get("publicOk") === "yes",
      now,
    });
    if (r.alertEmailKey && deps.sendEmail) {
      const mail = await deps.db.emailMessage.findUnique({
        where: { idempotencyKey: r.alertEmailKey },
      });
      // Stored already: the worker's email sweep sends it even if this enqueue fails.
      if (mail)
        await deps
          .sendEmail({
            to: mail.to,
            subject: mail.subject,
            text: mail.text,
            idempotencyKey: mail.idempotencyKey,
          })
          .catch((err: unknown) =>
            console.error("[campaigns] low-rating alert not queued; the sweep sends it", err),
          );
    }
    return page(
      200,
      "Thank you!",
      r.rating > 3
        ? "<p>Thank you for your rating. We are glad you enjoyed it!</p>"
        : "<p>Thank you for telling us. The owner reads every rating like this one and may get in touch to make it right.</p>",
    );
  } catch (err) {
    // A refused answer on a good link (the rating, the comment): the form again, with what they
    // typed and what to change; nothing was stored.
    if (err instanceof AppError && err.code === "BAD_REQUEST") {
      const b = await feedbackBookingByToken(deps.db, {
        secret: deps.cookieSecret,
        token,
        now,
      }).catch(() => null);
      if (b && b.rated === null)
        return feedbackForm(400, b, token, {
          error: err.message,
          comment: form.get("comment") ?? "",
          publicOk: form.get("publicOk") === "yes",
          ...(Number.isInteger(rating) && rating >= 1 && rating <= 5 ? { rating } : {}),
        });
    }
    return refusal(err, title);
  }
}

/**
 * A campaign email's tracked link (/r?token=): the first click of its send recorded, then a 303 to
 * where it leads. A broken, expired or tampered link, or one leading anywhere but our own pages
 * and the owner's review pages, is a 400 page with a link home that records nothing. GET or HEAD
 * only (a link in an email; a HEAD, a link checker's, records nothing); the token is the
 * authority.
 */
export async function handleCampaignClick(req: Request, deps: CampaignPageDeps): Promise<Response> {
  const title = "This link didn't work";
  const noindex = { "x-robots-tag": "noindex" };
  if (req.method !== "GET" && req.method !== "HEAD")
    return page(405, title, "<p>Open the link from the email.</p>", {
      ...noindex,
      allow: "GET, HEAD",
    });
  const token = new URL(req.url).searchParams.get("token") ?? "";
  try {
    if (!token) throw new AppError("BAD_REQUEST", CLICK_LINK_BROKEN);
    const r = await followCampaignClick(deps.db, {
      secret: deps.cookieSecret,
      token,
      now: deps.now?.() ?? new Date(),
      record: req.method === "GET",
    });
    return new Response(null, {
      status: 303,
      headers: {
        location: r.location,
        "cache-control": "no-store",
        "referrer-policy": "no-referrer",
        ...noindex,
      },
    });
  } catch (err) {
    if (err instanceof AppError)
      return page(
        400,
        title,
        `<p>${escapeHtml(err.message)}</p><p><a href="/book" style="color:#c2410c">See free dates and book</a> · <a href="/menu" style="color:#c2410c">Our menu</a></p>`,
        noindex,
      );
    console.error("[campaigns] tracked link", err);
    return page(
      503,
      title,
      "<p>Something went wrong on our side. Please try the link again in a minute.</p>",
      noindex,
    );
  }
}
