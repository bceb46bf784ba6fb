// Pieces of the printed kitchen sheets (the prep sheet of an event, the run sheet of a chef's
// day), rendered on the server from the operations' data: plain markup that prints, every time
// in the business's time zone, phones as tel: links and addresses as map links.
import type { ReactNode } from "react";
import { Badge, cx } from "@myhibachi/ui";
import { KitchenOrderSection } from "@myhibachi/ui/kitchen-order";
import { formatInstant, type KitchenOrder, type KitchenTotals } from "@myhibachi/shared";

export const SHEET_LINK = "text-brand-700 underline underline-offset-2 hover:text-brand-900";
/** A link on its own (not inside a sentence): at least 24 px high to tap (WCAG 2.2). */
export const SHEET_TAP = `${SHEET_LINK} inline-flex min-h-6 items-center`;

export interface SheetEventData {
  id: string;
  code: string;
  status: string;
  leaveBy: Date;
  startsAt: Date;
  endsAt: Date;
  freeBy: Date;
  adults: number;
  children: number;
  address: { text: string; mapUrl: string | null };
  travelZoneName: string;
  distanceMiles: number;
  contact: { name: string | null; phone: string | null; phoneHref: string | null };
  chefs: { id: string; name: string; phone: string | null; phoneHref: string | null }[];
  kitchenOrder: KitchenOrder;
}

const STATUS_NOTE: Record<string, string | null> = {
  HELD: "held: not confirmed yet",
  PENDING: "awaiting confirmation",
  CONFIRMED: null,
  COMPLETED: "completed",
  CANCELLED: "cancelled: do not cook",
  EXPIRED: "expired: do not cook",
};

export function StatusNote({ status }: { status: string }) {
  const note = STATUS_NOTE[status];
  if (!note) return null;
  return (
    <Badge tone={status === "CANCELLED" || status === "EXPIRED" ? "red" : "amber"}>{note}</Badge>
  );
}

/** A phone number to tap, or just the number when it can't be dialled. */
export function Phone({ phone, href }: { phone: string | null; href: string | null }) {
  if (!phone) return <>no phone given</>;
  return href ? (
    <a className={`${SHEET_LINK} whitespace-nowrap`} href={href}>
      {phone}
    </a>
  ) : (
    <>{phone}</>
  );
}

/** The address, opening the map app (Google Maps) in a new tab. */
export function MapLink({ address }: { address: SheetEventData["address"] }) {
  if (!address.mapUrl) return <>{address.text}</>;
  return (
    <a className={SHEET_LINK} href={address.mapUrl} target="_blank" rel="noreferrer">
      {address.text}
      <span className="sr-only"> (opens Google Maps in a new tab)</span>
    </a>
  );
}

/** Leave by, start, end, free by: the chef's day around the event. */
export function SheetTimes({ e, tz, large }: { e: SheetEventData; tz: string; large?: boolean }) {
  const t = (d: Date) => formatInstant(d, tz, "time");
  const items: [string, string, string][] = [
    ["Leave by", t(e.leaveBy), "travel and setup"],
    ["Start", t(e.startsAt), "cooking begins"],
    ["End", t(e.endsAt), ""],
    ["Free by", t(e.freeBy), "after cleanup"],
  ];
  return (
    <dl
      className={cx(
        "grid grid-cols-2 gap-2 sm:grid-cols-4 print:grid-cols-4",
        large ? "text-base" : "text-sm",
      )}
    >
      {items.map(([label, value, hint]) => (
        <div key={label} className="rounded-lg border border-stone-200 px-3 py-1.5">
          <dt className="text-xs text-muted">{label}</dt>
          <dd className={cx("font-semibold tabular-nums", large && "text-lg")}>{value}</dd>
          {hint && <dd className="text-xs text-muted">{hint}</dd>}
        </div>
      ))}
    </dl>
  );
}

/**
 * Allergies as the chef must see them: in a box, before anything else about the food, with the
 * party's dietary profile line under them ("2 guests avoid shellfish · 1 vegetarian").
 */
export function AllergyCallout({
  allergies,
  dietaryNeeds = null,
}: {
  allergies: string | null;
  dietaryNeeds?: string | null;
}) {
  return allergies || dietaryNeeds ? (
    <div
      className="rounded-lg border-2 border-red-700 bg-red-50 px-3 py-2 text-red-900"
      data-testid="allergy-callout"
    >
      {allergies && (
        <p>
          <strong className="uppercase tracking-wide">Allergies:</strong> {allergies}
        </p>
      )}
      {dietaryNeeds && (
        <p>
          <strong className="uppercase tracking-wide">Dietary needs:</strong> {dietaryNeeds}
        </p>
      )}
    </div>
  ) : (
    <p
      className="rounded-lg border border-stone-300 px-3 py-2 text-sm"
      data-testid="allergy-callout"
    >
      No allergies or dietary needs given.
    </p>
  );
}

const guests = (adults: number, children: number) =>
  `${adults} ${adults === 1 ? "adult" : "adults"}${children ? `, ${children} ${children === 1 ? "child" : "children"}` : ""}`;

/** Who, where and for how many: the facts of an event as label/value rows. */
export function SheetFacts({
  e,
  showChefs = true,
  children,
}: {
  e: SheetEventData;
  showChefs?: boolean;
  children?: ReactNode;
}) {
  return (
    <dl className="grid grid-cols-[6.5rem_minmax(0,1fr)] content-start gap-x-3 gap-y-1 break-words text-sm">
      <dt className="text-muted">Where</dt>
      <dd>
        <MapLink address={e.address} />{" "}
        <span className="text-muted">
          ({e.travelZoneName}, {e.distanceMiles} mi)
        </span>
      </dd>
      <dt className="text-muted">Guests</dt>
      <dd>
        {guests(e.adults, e.children)} · {e.kitchenOrder.packageName}
      </dd>
      <dt className="text-muted">Customer</dt>
      <dd>
        {e.contact.name ?? "—"} · <Phone phone={e.contact.phone} href={e.contact.phoneHref} />
      </dd>
      {showChefs && (
        <>
          <dt className="text-muted">{e.chefs.length > 1 ? "Chefs" : "Chef"}</dt>
          <dd>
            {e.chefs.length === 0
              ? "not assigned"
              : e.chefs.map((c, i) => (
                  <span key={c.id}>
                    {i > 0 && ", "}
                    {c.name}
                    {c.phone && (
                      <>
                        {" "}
                        (<Phone phone={c.phone} href={c.phoneHref} />)
                      </>
                    )}
                  </span>
                ))}
          </dd>
        </>
      )}
      {children}
    </dl>
  );
}

/** The kitchen order of an event (the shared section) under its allergy callout. */
export function SheetOrder({
  order,
  headingLevel,
  heading = "Menu",
}: {
  order: KitchenOrder;
  headingLevel: 2 | 3 | 4;
  heading?: string;
}) {
  const portions = order.proteins.reduce((n, p) => n + p.count, 0);
  return (
    <div className="flex flex-col gap-2">
      <AllergyCallout allergies={order.allergies} dietaryNeeds={order.dietaryNeeds} />
      <KitchenOrderSection order={order} heading={heading} headingLevel={headingLevel} />
      <p className="text-sm text-muted">{portions} protein portions in all.</p>
    </div>
  );
}

/** Portions per protein (and extras) over several events: what to buy and prep. */
export function TotalsTable({
  totals,
  caption,
  testId,
}: {
  totals: KitchenTotals;
  caption: string;
  testId?: string;
}) {
  const portions = totals.proteins.reduce((n, p) => n + p.count, 0);
  return (
    <table className="w-full max-w-md text-sm" data-testid={testId}>
      <caption className="mb-1 text-left font-semibold">{caption}</caption>
      <thead>
        <tr className="border-b border-stone-300 text-left">
          <th scope="col" className="py-1 font-medium">
            Protein
          </th>
          <th scope="col" className="py-1 text-right font-medium">
            Portions
          </th>
        </tr>
      </thead>
      <tbody>
        {totals.proteins.map((p) => (
          <tr key={p.slug} className="border-b border-stone-100" data-testid="total-protein">
            <th scope="row" className="py-1 text-left font-normal">
              {p.name}
              {p.upgrade && <span className="text-muted"> (upgrade)</span>}
            </th>
            <td className="py-1 text-right font-semibold tabular-nums">{p.count}</td>
          </tr>
        ))}
        <tr>
          <th scope="row" className="py-1 text-left font-semibold">
            All proteins ({totals.events} {totals.events === 1 ? "event" : "events"},{" "}
            {totals.adults + totals.children} guests)
          </th>
          <td className="py-1 text-right font-semibold tabular-nums">{portions}</td>
        </tr>
        {totals.extras.map((x) => (
          <tr key={x.slug} className="border-t border-stone-100">
            <th scope="row" className="py-1 text-left font-normal">
              {x.name}{" "}
              <span className="text-muted">({x.unit === "order" ? "orders" : "servings"})</span>
            </th>
            <td className="py-1 text-right tabular-nums">{x.count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
