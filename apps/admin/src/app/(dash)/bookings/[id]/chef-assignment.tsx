"use client";
// Who cooks this event. Every active chef is listed with what the server knows: assigned now,
// free, or busy (time off, another event) and then not selectable, with the reason. The busy
// reasons come from the same check reassigning runs (core `chefClashes`), so what can be chosen
// here is what will be accepted. A party that needs several chefs gets checkboxes.
import { useState } from "react";
import { Button, cx } from "@myhibachi/ui";

interface ChefOption {
  id: string;
  name: string;
  assigned: boolean;
  busy: string | null;
  warnings: string[];
}

const same = (a: string[], b: string[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

export function ChefAssignment({
  options,
  current,
  pending,
  onSave,
}: {
  options: ChefOption[];
  current: string[];
  pending: boolean;
  onSave: (chefIds: string[]) => void;
}) {
  const multiple = current.length > 1;
  const [chosen, setChosen] = useState<string[]>(current);
  const unchanged = same(chosen, current);
  const pick = (id: string, on: boolean) =>
    setChosen((c) => (multiple ? (on ? [...c, id] : c.filter((x) => x !== id)) : [id]));
  return (
    <form
      className="mt-2 flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(chosen);
      }}
    >
      <fieldset>
        <legend className="text-sm font-medium">
          {multiple ? `Chefs for this event (${current.length} needed)` : "Chef for this event"}
        </legend>
        <ul className="mt-2 flex flex-col gap-1">
          {options.map((c) => {
            const disabled = c.busy !== null && !c.assigned;
            const note = c.assigned
              ? `(assigned)${c.busy ? `, but now ${c.busy}` : ""}`
              : c.busy
                ? `not available: ${c.busy}`
                : c.warnings.length
                  ? `(free) ${c.warnings.join("; ")}`
                  : "(free)";
            return (
              <li key={c.id}>
                <label
                  className={cx(
                    "flex min-h-11 flex-wrap items-center gap-x-2 rounded-lg border px-3 py-2",
                    disabled
                      ? "cursor-not-allowed border-stone-200 bg-stone-50 text-muted"
                      : "cursor-pointer border-stone-300 hover:bg-stone-50",
                    chosen.includes(c.id) && "border-brand-600 bg-brand-50",
                  )}
                >
                  <input
                    type={multiple ? "checkbox" : "radio"}
                    name="chef"
                    value={c.id}
                    checked={chosen.includes(c.id)}
                    disabled={disabled || pending}
                    aria-describedby={`chef-note-${c.id}`}
                    onChange={(e) => pick(c.id, e.target.checked)}
                    className="h-4 w-4 accent-brand-600"
                  />
                  <span className="font-medium text-ink">{c.name}</span>
                  <span
                    id={`chef-note-${c.id}`}
                    className="text-sm"
                    data-testid={`chef-note-${c.name}`}
                  >
                    {note}
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending || unchanged || chosen.length === 0}>
          {pending ? "Saving…" : "Reassign"}
        </Button>
        {unchanged && (
          <span className="text-sm text-muted">Choose another chef to reassign this event.</span>
        )}
      </div>
    </form>
  );
}
