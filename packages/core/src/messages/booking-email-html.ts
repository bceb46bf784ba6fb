// The HTML part of the booking emails: the same content as the text part (written from the same
// pieces), laid out for mail clients: one column, inline styles only (no <style>, no images, no
// remote resources), everything escaped. The kitchen order gets its own block so the customer
// can check the proteins per type, extras and allergies the chef will read.
import { extraWords, type KitchenOrder } from "@myhibachi/shared";

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const FONT = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const H2 = "margin:24px 0 8px;font-size:17px;color:#1c1917";
const CELL = "padding:3px 0;vertical-align:top";
const LABEL = `${CELL};color:#57534e;padding-right:16px;white-space:nowrap`;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The kitchen order as an HTML block: proteins per type, extras, allergies (never missed), notes. */
export function kitchenOrderHtml(order: KitchenOrder, heading = "Your menu"): string {
  const guests =
    order.children > 0
      ? `${plural(order.adults, "adult")} and ${plural(order.children, "child", "children")}`
      : plural(order.adults, "adult");
  const list = (items: string[]) =>
    items.length
      ? `<ul style="margin:0;padding-left:18px">${items.map((i) => `<li>${i}</li>`).join("")}</ul>`
      : "None chosen";
  const proteins = list(
    order.proteins.map(
      (p) => `<strong>${p.count}</strong> × ${escapeHtml(p.name)}${p.upgrade ? " (upgrade)" : ""}`,
    ),
  );
  const rows = [`<tr><td style="${LABEL}">Proteins</td><td style="${CELL}">${proteins}</td></tr>`];
  if (order.extras.length)
    rows.push(
      `<tr><td style="${LABEL}">Extras</td><td style="${CELL}">${list(
        order.extras.map((e) =>
          extraWords({ ...e, name: escapeHtml(e.name) }, `<strong>${e.count}</strong>`),
        ),
      )}</td></tr>`,
    );
  // "None given" only when nothing was said: not above the dietary needs ticked (finding L4).
  if (order.allergies || !order.dietaryNeeds)
    rows.push(
      `<tr><td style="${LABEL}">Allergies</td><td style="${CELL}${order.allergies ? ";font-weight:700;color:#991b1b" : ""}">${
        order.allergies ? escapeHtml(order.allergies) : "None given"
      }</td></tr>`,
    );
  if (order.dietaryNeeds)
    rows.push(
      `<tr><td style="${LABEL}">Dietary needs</td><td style="${CELL};font-weight:700;color:#991b1b">${escapeHtml(order.dietaryNeeds)}</td></tr>`,
    );
  if (order.warnings?.length)
    rows.push(
      `<tr><td style="${LABEL}">Check</td><td style="${CELL};font-weight:700;color:#991b1b">${list(
        order.warnings.map((w) => escapeHtml(w)),
      )}</td></tr>`,
    );
  if (order.notes)
    rows.push(
      `<tr><td style="${LABEL}">Notes</td><td style="${CELL};white-space:pre-line">${escapeHtml(order.notes)}</td></tr>`,
    );
  return `<h2 style="${H2}">${escapeHtml(heading)}</h2>
<p style="margin:0 0 6px"><strong>${escapeHtml(order.packageName)}</strong> for ${guests}</p>
<table role="presentation" style="border-collapse:collapse;font-size:15px">${rows.join("")}</table>`;
}

export interface BookingEmailHtmlParts {
  /** The first paragraph (what happened, what to do). */
  intro: string;
  code: string;
  when: string;
  guests: string;
  address: string;
  kitchenOrder: KitchenOrder;
  priceLines: { label: string; amount: string }[];
  total: string;
  /** Payment lines or the pay-at-the-event notice, as sentences or label/amount pairs. */
  payments: { label: string; amount: string | null }[];
  paymentsNote: string | null;
  manageUrl: string;
  /** More plain text after the payments (e.g. add-to-calendar links); its links become links. */
  extraText?: string | null;
}

/** Plain text as HTML: escaped, line breaks kept, web links made clickable. */
export function textToHtml(text: string): string {
  return text
    .split(/(https?:\/\/[^\s<>"']+)/g)
    .map((part, i) =>
      i % 2 === 1
        ? `<a href="${escapeHtml(part)}" style="color:#c2410c">${escapeHtml(part)}</a>`
        : escapeHtml(part),
    )
    .join("");
}

export function bookingEmailHtml(p: BookingEmailHtmlParts): string {
  const detail = (label: string, value: string) =>
    `<tr><td style="${LABEL}">${label}</td><td style="${CELL}">${escapeHtml(value)}</td></tr>`;
  const money = (label: string, amount: string | null, bold = false) =>
    `<tr${bold ? ' style="font-weight:700;border-top:1px solid #d6d3d1"' : ""}><td style="${CELL};padding-right:16px">${escapeHtml(label)}</td><td style="${CELL};text-align:right;white-space:nowrap">${amount ? escapeHtml(amount) : ""}</td></tr>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Booking ${escapeHtml(p.code)}</title></head>
<body style="margin:0;padding:0;background:#fafaf9">
<div style="max-width:560px;margin:0 auto;padding:24px 16px;${FONT};font-size:15px;line-height:1.5;color:#1c1917">
<p style="margin:0 0 16px;white-space:pre-line">${escapeHtml(p.intro)}</p>
<h2 style="${H2}">Booking ${escapeHtml(p.code)}</h2>
<table role="presentation" style="border-collapse:collapse;font-size:15px">
${detail("When", p.when)}
${detail("Guests", p.guests)}
${detail("Where", p.address)}
</table>
${kitchenOrderHtml(p.kitchenOrder)}
<h2 style="${H2}">Price</h2>
<table role="presentation" style="border-collapse:collapse;width:100%;font-size:15px">
${p.priceLines.map((l) => money(l.label, l.amount)).join("\n")}
${money("Total", p.total, true)}
</table>
<h2 style="${H2}">Payments</h2>
${p.paymentsNote ? `<p style="margin:0 0 6px">${escapeHtml(p.paymentsNote)}</p>` : ""}
${
  p.payments.length
    ? `<table role="presentation" style="border-collapse:collapse;width:100%;font-size:15px">${p.payments.map((l) => money(l.label, l.amount)).join("")}</table>`
    : ""
}
${p.extraText?.trim() ? `<p style="margin:16px 0 0;white-space:pre-line">${textToHtml(p.extraText.trim())}</p>` : ""}
<p style="margin:24px 0"><a href="${escapeHtml(p.manageUrl)}" style="display:inline-block;background:#c2410c;color:#ffffff;text-decoration:none;font-weight:700;padding:12px 20px;border-radius:8px">Manage your booking</a></p>
<p style="margin:0;font-size:13px;color:#57534e">Or open this link: ${escapeHtml(p.manageUrl)}</p>
</div>
</body></html>`;
}
