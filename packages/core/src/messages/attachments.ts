// Files sent with an email (EmailMessage.attachments): text content only, written with the row,
// so every attempt and the sweep send exactly what was stored.

/** A type alias (not an interface): it is stored as JSON as it is. */
export type EmailAttachment = {
  /** "hibachi-party-HB-7K2QXA.ics" */
  filename: string;
  /** "text/calendar; charset=utf-8; method=PUBLISH" */
  contentType: string;
  content: string;
};

/** The attachments stored on a row (anything else in the column is ignored). */
export function attachmentsOf(json: unknown): EmailAttachment[] {
  if (!Array.isArray(json)) return [];
  return json.filter(
    (a): a is EmailAttachment =>
      !!a &&
      typeof a === "object" &&
      typeof (a as EmailAttachment).filename === "string" &&
      typeof (a as EmailAttachment).contentType === "string" &&
      typeof (a as EmailAttachment).content === "string",
  );
}
