"use client";
import { Badge, Stepper, cx } from "@myhibachi/ui";
import { formatCents } from "@myhibachi/shared";

export interface ProteinOption {
  slug: string;
  name: string;
  priceCents: number;
  allergens: string[];
  dietaryTags: string[];
}

/**
 * Portions per protein, with each protein's price and allergens, and a live count against what
 * the party needs: shared by the booking wizard and finish-a-hold.
 */
export function ProteinPicker({
  items,
  value,
  onChange,
  portionsNeeded,
  perGuest,
}: {
  items: ProteinOption[];
  value: Record<string, number>;
  onChange: (next: Record<string, number>) => void;
  portionsNeeded: number;
  perGuest: number;
}) {
  const portions = Object.values(value).reduce((s, n) => s + n, 0);
  return (
    <>
      <p
        className={cx("text-sm", portions === portionsNeeded ? "text-green-700" : "text-red-700")}
        role="status"
      >
        {portions} of {portionsNeeded} portions chosen ({perGuest} per guest)
      </p>
      <ul className="mt-3 flex flex-col gap-2">
        {items.map((i) => (
          <li
            key={i.slug}
            className="flex flex-wrap items-center justify-between gap-2 border-b border-stone-100 pb-2"
          >
            <div>
              <span className="font-medium">{i.name}</span>{" "}
              {i.priceCents > 0 ? (
                <Badge tone="amber">+{formatCents(i.priceCents)} / portion</Badge>
              ) : (
                <Badge>included</Badge>
              )}
              {i.dietaryTags.includes("vegan") && <Badge tone="green">vegan</Badge>}
              <p className="text-xs text-muted">
                Contains: {i.allergens.join(", ") || "none listed"}
              </p>
            </div>
            <Stepper
              id={`protein-${i.slug}`}
              label={`${i.name} portions`}
              value={value[i.slug] ?? 0}
              max={portionsNeeded}
              onChange={(n) => onChange({ ...value, [i.slug]: n })}
            />
          </li>
        ))}
      </ul>
    </>
  );
}
