// Whose mailbox an email address reaches, for the rules that tie a code to a person (issue 14):
// a referral code is never for its owner's own bookings, and a campaign code sent to someone works
// only on their bookings. "Casey+x@Example.com" and "casey@example.com" reach the same person, and
// so do "c.a.sey@gmail.com" and "casey@googlemail.com". One normaliser, used by both rules.
const GMAIL = new Set(["gmail.com", "googlemail.com"]);

/** The mailbox an address reaches: lower-cased, `+tag` removed (and dots, for Gmail). */
export function mailboxKey(email: string): string {
  const e = email.trim().toLowerCase();
  const at = e.lastIndexOf("@");
  if (at <= 0) return e;
  let local = e.slice(0, at);
  let domain = e.slice(at + 1);
  const plus = local.indexOf("+");
  if (plus > 0) local = local.slice(0, plus);
  if (GMAIL.has(domain)) {
    local = local.replaceAll(".", "");
    domain = "gmail.com";
  }
  return `${local}@${domain}`;
}

/** Whether two addresses reach the same mailbox (`mailboxKey`). */
export const sameMailbox = (a: string, b: string) => mailboxKey(a) === mailboxKey(b);
