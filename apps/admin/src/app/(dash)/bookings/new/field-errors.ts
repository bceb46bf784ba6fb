// Where the server's refusal of a staff booking goes on the New booking form: each refused
// field's sentence beside its box (by the field's path in the request), the rest once by the
// button. Never a path, an id or JSON in the words.

/** The form's field id for a path in the request: "address.line1" -> "line1". */
export function fieldIdOf(path: string): string {
  const [head, next] = path.split(".");
  return next && (head === "address" || head === "contact" || head === "selection") ? next : head!;
}

/** The form's fields that show their own message. */
export const FORM_FIELDS = new Set([
  "postalCode",
  "adults",
  "children",
  "date",
  "startMinute",
  "packageSlug",
  "proteins",
  "extras",
  "line1",
  "line2",
  "city",
  "state",
  "name",
  "email",
  "phone",
  "allergies",
  "notes",
]);

interface ServerError {
  data?: {
    code?: string;
    fields?: Record<string, string>;
    details?: { field?: string; alternatives?: unknown } | null;
  } | null;
}

/**
 * The chosen time was refused as not free (taken since the times were loaded, or never free for
 * the party): a CONFLICT offering other times. The form reloads the day's times and says it by
 * the time list.
 */
export function isTimeRefusal(err: unknown): boolean {
  const data = (err as ServerError | null)?.data;
  return data?.code === "CONFLICT" && Array.isArray(data.details?.alternatives);
}

/** A refusal placed: messages by field id, and the words no field says (null: none). */
export function placeRefusal(
  err: unknown,
  text: string | null,
): { fields: Record<string, string>; text: string | null } {
  if (!err) return { fields: {}, text: null };
  const data = (err as ServerError).data;
  const byPath = data?.fields ?? {};
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  if (Object.keys(byPath).length === 0) {
    const id = isTimeRefusal(err)
      ? "startMinute"
      : data?.details?.field
        ? fieldIdOf(data.details.field)
        : null;
    if (id && FORM_FIELDS.has(id) && text) return { fields: { [id]: text }, text: null };
    return { fields: {}, text };
  }
  for (const [path, message] of Object.entries(byPath)) {
    const id = fieldIdOf(path);
    if (FORM_FIELDS.has(id)) fields[id] ??= message;
    else if (!rest.includes(message)) rest.push(message);
  }
  return { fields, text: rest.length ? rest.join(" ") : null };
}
