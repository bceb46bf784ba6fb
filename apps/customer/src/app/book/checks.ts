// What each step of the booking draft still needs, checked with the server's own schemas
// (@myhibachi/shared/booking-schemas), so the messages are the ones the API would give. Loaded
// on the customer's first input (`loadChecks` in draft.ts), not with the page. Pure: no React,
// no browser APIs (unit-tested in draft.test.ts).
import {
  addressSchema,
  allergiesSchema,
  contactSchema,
  dietaryProfileSchema,
  guestsSchema,
  notesSchema,
  postalCodeSchema,
  selectionSchema,
} from "@myhibachi/shared/booking-schemas";
import { formatLocalDate, maxExtraUnits, tooManyExtraMessage } from "@myhibachi/shared";
import {
  addressOf,
  packageOf,
  portionsChosen,
  portionsNeeded,
  selectionOf,
  STEPS,
  type BookingDraft,
  type DraftMenu,
  type Issue,
  type IssueContext,
  type StepKey,
} from "./draft";
import { profileGuestIssues } from "./diet-draft";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function zodIssues(
  result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } },
  field: (path: PropertyKey[]) => string,
): Issue[] {
  if (result.success || !result.error) return [];
  const seen = new Set<string>();
  const out: Issue[] = [];
  for (const i of result.error.issues) {
    const f = field(i.path);
    if (seen.has(f)) continue;
    seen.add(f);
    out.push({ field: f, message: i.message });
  }
  return out;
}

function whenIssues(d: BookingDraft, menu: DraftMenu, ctx: IssueContext): Issue[] {
  const out: Issue[] = [];
  if (!/^\d{5}$/.test(d.postalCode)) {
    const parsed = postalCodeSchema.safeParse(d.postalCode);
    out.push({
      field: "postalCode",
      message:
        d.postalCode === ""
          ? "Enter the ZIP code of the party address."
          : parsed.success
            ? "Enter a 5-digit ZIP code."
            : parsed.error.issues[0]!.message,
    });
  } else if (ctx.zipRefused)
    // The server refused the ZIP (outside our service area): said under the ZIP field; the
    // calendar isn't shown for it, so no date or time to ask for yet.
    out.push({ field: "postalCode", message: ctx.zipRefused });
  out.push(
    ...zodIssues(guestsSchema.safeParse({ adults: d.adults, children: d.children }), (p) =>
      String(p[0] ?? "adults"),
    ),
  );
  const guests = d.adults + d.children;
  const call = ctx.phone ? ` Call us at ${ctx.phone} for a bigger party.` : "";
  if (guests > menu.maxGuests)
    out.push({
      field: "adults",
      message: `We can cook for up to ${menu.maxGuests} guests in one booking online; you have ${guests}.${call}`,
    });
  else if (menu.minGuests && guests < menu.minGuests)
    out.push({
      field: "adults",
      message: `We cook for parties of at least ${menu.minGuests} guests.`,
    });
  if (ctx.zipRefused && /^\d{5}$/.test(d.postalCode)) return out;
  if (!d.date) out.push({ field: "calendar", message: "Pick a date in the calendar." });
  else if (d.startMinute === null)
    out.push({
      field: "start-times",
      message: `Pick a start time for ${formatLocalDate(d.date, "weekdayDate")}.`,
    });
  else if (ctx.slotFree === false)
    out.push({
      field: "start-times",
      message: `That start time is no longer free for ${plural(guests, "guest")}. Pick another time.`,
    });
  else if (ctx.slotFree === null)
    out.push({
      field: "start-times",
      message: "We're still checking that time is free. One moment, then continue.",
    });
  return out;
}

function menuIssues(d: BookingDraft, menu: DraftMenu): Issue[] {
  const out: Issue[] = [];
  if (!packageOf(d, menu)) return [{ field: "package", message: "Choose a package." }];
  const needed = portionsNeeded(d, menu);
  const chosen = portionsChosen(d);
  if (chosen < needed)
    out.push({
      field: "proteins",
      message: `Choose ${plural(needed - chosen, "more protein portion")}: ${chosen} of ${needed} chosen.`,
    });
  else if (chosen > needed)
    out.push({
      field: "proteins",
      message: `Remove ${plural(chosen - needed, "protein portion")}: ${chosen} of ${needed} chosen.`,
    });
  if (out.length === 0)
    out.push(
      ...zodIssues(selectionSchema.safeParse(selectionOf(d)), (p) => String(p[0])).filter(
        (i) => i.field === "proteins",
      ),
    );
  out.push(...zodIssues(allergiesSchema.safeParse(d.allergies), () => "allergies"));
  out.push(...dietaryIssues(d));
  return out;
}

/**
 * The dietary profile (top of the menu step): the server's schema, then each guest count at
 * most the party, said beside that count (field `dietary-<value>`).
 */
export function dietaryIssues(d: BookingDraft): Issue[] {
  if (!d.dietaryProfile) return [];
  const schema = zodIssues(dietaryProfileSchema.safeParse(d.dietaryProfile), () => "dietary");
  return schema.length ? schema : profileGuestIssues(d.dietaryProfile, d.adults + d.children);
}

/**
 * Extras: the schema's rules, then the quote engine's limit, one serving (or order) per guest,
 * in its words ("Pork gyoza: at most 8 servings for a party of 8."): a party made smaller after
 * the extras were chosen hears it here, before the server would refuse it.
 */
function extrasIssues(d: BookingDraft, menu: DraftMenu): Issue[] {
  const schema = zodIssues(selectionSchema.safeParse(selectionOf(d)), (p) => String(p[0])).filter(
    (i) => i.field === "extras",
  );
  if (schema.length) return schema;
  const guests = d.adults + d.children;
  for (const [slug, n] of Object.entries(d.extras)) {
    const item = menu.items.find((i) => i.slug === slug);
    if (item && n > maxExtraUnits(item, guests))
      return [{ field: "extras", message: tooManyExtraMessage(item, guests) }];
  }
  return [];
}

/** Address and contact: the fields' ids in the form are the schema's keys. */
export function detailsIssues(
  d: Pick<BookingDraft, "address" | "contact" | "notes" | "postalCode">,
  zipState?: string,
): Issue[] {
  const typed = d.address.state.trim().toUpperCase();
  // The server refuses a state that isn't the ZIP's (attack R5-7); said here, before sending.
  const wrongState =
    zipState && /^[A-Z]{2}$/.test(zipState) && /^[A-Z]{2}$/.test(typed) && typed !== zipState
      ? [
          {
            field: "state",
            message: `ZIP ${d.postalCode} is in ${zipState}, not ${typed}. Enter ${zipState}, or change the ZIP in step 1.`,
          },
        ]
      : [];
  return [
    ...zodIssues(addressSchema.safeParse(addressOf(d)), (p) => String(p[0])),
    ...wrongState,
    ...zodIssues(contactSchema.safeParse(d.contact), (p) => String(p[0])),
    ...zodIssues(notesSchema.safeParse(d.notes), () => "notes"),
  ];
}

/** What `step` still needs before the customer can go on (empty: nothing). */
export function stepIssues(
  step: StepKey,
  d: BookingDraft,
  menu: DraftMenu,
  ctx: IssueContext = {},
): Issue[] {
  switch (step) {
    case "when":
      return whenIssues(d, menu, ctx);
    case "menu":
      return menuIssues(d, menu);
    case "extras":
      return extrasIssues(d, menu);
    case "details":
      return detailsIssues(d, ctx.zipState);
    case "review":
      return [];
  }
}

/** The first step that still needs something (the review step when everything is there). */
export function firstIncompleteStep(
  d: BookingDraft,
  menu: DraftMenu,
  ctx: IssueContext = {},
): StepKey {
  for (const s of STEPS) if (stepIssues(s.key, d, menu, ctx).length > 0) return s.key;
  return "review";
}

// ---------------------------------------------------------------------------------------------
// What is sent

/**
 * The contact email sent with the quote: only with an offer code (typed on the review step,
 * after the contact details) and only once it is a valid address (the booking's own rule), so the
 * quote checks the code for the person who books (someone else's personal code, one's own
 * referral code) and says what the booking would. Otherwise nothing (no email leaves the device
 * for a quote without a code).
 */
export function quoteContactEmail(
  d: Pick<BookingDraft, "contact">,
  offerCode: string | undefined,
): string | undefined {
  if (!offerCode) return undefined;
  const parsed = contactSchema.shape.email.safeParse(d.contact.email);
  return parsed.success ? parsed.data : undefined;
}

// Where each message is said (messages.ts): loaded with the checks, not with the page. Until
// the customer's first input there is nothing to say.
export {
  nothingFreeMessage,
  placeIssues,
  placeRefusal,
  whenMessages,
  zipRefusal,
  ZIP_REFUSED_PRICE_HINT,
} from "./messages";
