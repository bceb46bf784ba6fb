// The kitchen order as a section of a page: the same shape (from @myhibachi/shared's
// `kitchenOrder`) on the wizard's review, the customer's booking, the admin booking and the
// printable prep and run sheets. Plain markup: a heading, a definition list, no client state,
// so it prints and renders on the server.
import { extraWords, type KitchenOrder } from "@myhibachi/shared";
import { cx } from "./index";

function plural(n: number, one: string, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

export function KitchenOrderSection({
  order,
  heading = "Menu",
  headingLevel = 2,
  className,
}: {
  order: KitchenOrder;
  heading?: string;
  headingLevel?: 2 | 3 | 4;
  className?: string;
}) {
  const H = `h${headingLevel}` as const;
  const guests =
    order.children > 0
      ? `${plural(order.adults, "adult")} and ${plural(order.children, "child", "children")}`
      : plural(order.adults, "adult");
  return (
    <section className={cx("flex flex-col gap-2", className)} aria-label={heading}>
      <H className="text-lg font-semibold">{heading}</H>
      <p className="text-sm">
        <span className="font-medium">{order.packageName}</span> for {guests}
      </p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-medium">Proteins</dt>
        <dd>
          {order.proteins.length === 0 ? (
            "None chosen"
          ) : (
            <ul className="flex flex-col">
              {order.proteins.map((p) => (
                <li key={p.slug}>
                  <span className="tabular-nums">{p.count}</span> × {p.name}
                  {p.upgrade && <span className="text-muted"> (upgrade)</span>}
                </li>
              ))}
            </ul>
          )}
        </dd>
        {order.extras.length > 0 && (
          <>
            <dt className="font-medium">Extras</dt>
            <dd>
              <ul className="flex flex-col">
                {order.extras.map((e) => (
                  <li key={e.slug} className="tabular-nums">
                    {extraWords(e)}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        {/* "None given" only when nothing was said at all: never above the dietary needs the
            party ticked (finding L4). */}
        {(order.allergies || !order.dietaryNeeds) && (
          <>
            <dt className="font-medium">Allergies</dt>
            <dd className={order.allergies ? "font-semibold text-red-800" : undefined}>
              {order.allergies ?? "None given"}
            </dd>
          </>
        )}
        {order.dietaryNeeds && (
          <>
            <dt className="font-medium">Dietary needs</dt>
            <dd className="font-semibold text-red-800" data-testid="dietary-needs">
              {order.dietaryNeeds}
            </dd>
          </>
        )}
        {order.warnings?.length > 0 && (
          <>
            <dt className="font-medium">Check</dt>
            <dd className="font-semibold text-red-800" data-testid="kitchen-warnings">
              <ul className="flex flex-col">
                {order.warnings.map((w) => (
                  <li key={w} data-testid="kitchen-warning">
                    {w}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        {order.notes && (
          <>
            <dt className="font-medium">Notes</dt>
            <dd className="whitespace-pre-line">{order.notes}</dd>
          </>
        )}
      </dl>
    </section>
  );
}
