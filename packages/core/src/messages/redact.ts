// What of a stored message may be shown to someone other than its recipient. Emails carry
// secrets: sign-in (magic) links, booking manage links, verification links, codes. Whoever reads
// them can act as the recipient, so every screen that shows stored messages to anyone else (the
// owner's Outbox, the local demo mailbox) passes them through here.

export const LINK_HIDDEN = "[link hidden]";
export const CODE_HIDDEN = "[code hidden]";

const URL_PATTERN = /\b(?:https?:\/\/|www\.)[^\s<>"'`]+/gi;

/**
 * True for a link that may grant access: anything with a query string or fragment (tokens travel
 * there: magic links, manage links, verification links), auth endpoints, and paths with a long
 * opaque segment (a token in the path, e.g. /reset-password/<token>). Unparseable: secret.
 */
export function isSecretLink(link: string): boolean {
  let u: URL;
  try {
    u = new URL(/^www\./i.test(link) ? `https://${link}` : link);
  } catch {
    return true;
  }
  if (u.search || u.hash || u.username || u.password) return true;
  if (/\/(api\/auth|auth|verify|magic-link|reset-password|sign-in|invite)(\/|$)/i.test(u.pathname))
    return true;
  return u.pathname.split("/").some((seg) => seg.length >= 20);
}

/** The text with every secret link replaced by "[link hidden]" and one-time codes hidden. */
export function redactSecrets(text: string): string {
  return text
    .replace(URL_PATTERN, (link) => {
      // Trailing punctuation belongs to the sentence, not the link.
      const m = /^(.*?)([.,;:!?)\]]*)$/.exec(link)!;
      return isSecretLink(m[1]!) ? `${LINK_HIDDEN}${m[2]}` : link;
    })
    .replace(/\b(code|pin|password)(\b[^\n\d]{0,24})(\d[\d\s-]{2,14}\d)\b/gi, `$1$2${CODE_HIDDEN}`);
}

/** Every link in the text (for checks like "does this email only link to the customer site"). */
export function linksIn(text: string): string[] {
  return text.match(URL_PATTERN) ?? [];
}
