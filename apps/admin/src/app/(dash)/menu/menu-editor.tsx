"use client";
import { useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Badge, Button, Card, ErrorBox, Field, SelectField } from "@myhibachi/ui";
import {
  ALLERGEN_HINTS,
  DIETARY_TAGS,
  DIETS,
  INGREDIENTS,
  INGREDIENT_SLUGS,
  MAJOR_ALLERGENS,
  centsToDollars,
  dietaryTagLabel,
  isIngredient,
  itemAllergens,
  itemSuitsDiet,
  dollarsToCents,
  extraLimitWords,
  formatCents,
} from "@myhibachi/shared";
import { TextAreaField } from "~/components/text-area";
import { errorMessage, useTRPC } from "~/lib/trpc";
import { useRefresh } from "~/lib/mutation";
import { splitTags } from "~/lib/format";

const KINDS = ["PROTEIN", "UPGRADE", "APPETIZER", "ADDON", "SIDE"] as const;
type Kind = (typeof KINDS)[number];
const KIND_LABEL: Record<Kind, string> = {
  PROTEIN: "Proteins (price = surcharge per portion)",
  UPGRADE: "Upgrades",
  APPETIZER: "Appetizers",
  ADDON: "Add-ons",
  SIDE: "Sides",
};

interface ItemForm {
  slug: string;
  name: string;
  description: string;
  kind: Kind;
  pricing: "PER_PERSON" | "FLAT";
  price: string;
  /** Flat items: guests one order is for ("" = the whole party). */
  serves: string;
  allergens: string[];
  /** Ingredient slugs (INGREDIENTS): each implies allergens shown as contained. */
  contains: string[];
  dietaryTags: string[];
  seasonalTags: string;
  active: boolean;
  sortOrder: number;
}

const emptyItem: ItemForm = {
  slug: "",
  name: "",
  description: "",
  kind: "APPETIZER",
  pricing: "PER_PERSON",
  price: "0.00",
  serves: "",
  allergens: [],
  contains: [],
  dietaryTags: [],
  seasonalTags: "",
  active: true,
  sortOrder: 100,
};

/**
 * Checkboxes over a fixed list. A value stored before the list existed stays ticked, marked, so
 * the owner can untick it; nothing else can be added (the operation refuses it too). With
 * `exclusive`, "x" and "x-on-request" exclude each other.
 */
function TagBoxes({
  legend,
  prefix,
  options,
  value,
  onChange,
  note,
  exclusive = false,
  columns = "sm:grid-cols-2 lg:grid-cols-3",
  implied = {},
}: {
  legend: string;
  prefix: string;
  options: { value: string; label: string; hint?: string }[];
  value: string[];
  onChange: (v: string[]) => void;
  note: string;
  exclusive?: boolean;
  /** Grid columns (diets: two, the diet and "on request" side by side). */
  columns?: string;
  /** Values contained because of something else (an allergen a ticked ingredient implies): shown
   * ticked and locked, with why ("from Soy sauce"). */
  implied?: Record<string, string>;
}) {
  const known = new Set(options.map((o) => o.value));
  const legacy = value
    .filter((v) => !known.has(v))
    .map((v) => ({ value: v, label: `${v} (not on the list: untick to remove)`, hint: undefined }));
  const toggle = (v: string, on: boolean) => {
    let next = value.filter((x) => x !== v);
    if (on) {
      if (exclusive) {
        const twin = v.endsWith("-on-request") ? v.replace(/-on-request$/, "") : `${v}-on-request`;
        next = next.filter((x) => x !== twin);
      }
      next.push(v);
    }
    onChange(next);
  };
  const slug = (v: string) => v.replace(/\W+/g, "-");
  return (
    <fieldset className="md:col-span-3">
      <legend className="text-sm font-medium">{legend}</legend>
      <p className="text-xs text-muted">{note}</p>
      <div className={`mt-1 grid grid-cols-1 gap-x-4 gap-y-1 ${columns}`}>
        {[...options, ...legacy].map((o) => (
          <label
            key={o.value}
            htmlFor={`${prefix}-${slug(o.value)}`}
            className="flex min-h-10 items-center gap-2 text-sm"
          >
            <input
              id={`${prefix}-${slug(o.value)}`}
              type="checkbox"
              className="h-5 w-5"
              checked={value.includes(o.value) || Boolean(implied[o.value])}
              disabled={Boolean(implied[o.value]) && !value.includes(o.value)}
              onChange={(e) => toggle(o.value, e.target.checked)}
            />
            <span>
              {o.label}
              {o.hint && <span className="text-muted"> ({o.hint})</span>}
              {implied[o.value] && (
                <span className="text-xs font-medium"> · contained: {implied[o.value]}</span>
              )}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Allergen -> the ticked ingredients that imply it ("Soy sauce, Teriyaki sauce"). */
function impliedAllergens(contains: string[]): Record<string, string> {
  const out: Record<string, string[]> = {};
  for (const c of contains)
    if (isIngredient(c))
      for (const a of INGREDIENTS[c].implies) (out[a] ??= []).push(INGREDIENTS[c].label);
  return Object.fromEntries(Object.entries(out).map(([a, from]) => [a, `from ${from.join(", ")}`]));
}

/** Diets ticked outright that the ingredients or allergens contradict (never suggested as such). */
function dietConflicts(f: ItemForm): string[] {
  return DIETS.filter((d) => f.dietaryTags.includes(d) && !itemSuitsDiet(f, d)).map((d) => {
    const why = f.contains
      .filter((c) => isIngredient(c) && (INGREDIENTS[c].breaks as readonly string[]).includes(d))
      .map((c) => (isIngredient(c) ? INGREDIENTS[c].label.toLowerCase() : c));
    const all = [...itemAllergens(f)];
    return `${d}: not believed (${why.length ? `has ${why.join(", ")}` : `contains ${all.join(", ")}`}); the item won't be suggested as ${d}.`;
  });
}

function ItemFields({
  f,
  set,
  prefix,
}: {
  f: ItemForm;
  set: (f: ItemForm) => void;
  prefix: string;
}) {
  return (
    <div className="grid gap-3 md:grid-cols-3">
      <Field
        id={`${prefix}-name`}
        label="Name"
        value={f.name}
        onChange={(e) => set({ ...f, name: e.target.value })}
      />
      <Field
        id={`${prefix}-slug`}
        label="Short name"
        value={f.slug}
        onChange={(e) => set({ ...f, slug: e.target.value })}
      />
      <Field
        id={`${prefix}-price`}
        label="Price ($)"
        inputMode="decimal"
        value={f.price}
        onChange={(e) => set({ ...f, price: e.target.value })}
      />
      <SelectField
        id={`${prefix}-kind`}
        label="Kind"
        value={f.kind}
        onChange={(e) => set({ ...f, kind: e.target.value as Kind })}
      >
        {KINDS.map((k) => (
          <option key={k} value={k}>
            {k.toLowerCase()}
          </option>
        ))}
      </SelectField>
      <SelectField
        id={`${prefix}-pricing`}
        label="Priced"
        value={f.pricing}
        onChange={(e) => set({ ...f, pricing: e.target.value as ItemForm["pricing"] })}
      >
        <option value="PER_PERSON">per person / portion</option>
        <option value="FLAT">flat</option>
      </SelectField>
      {f.pricing === "FLAT" && (
        <Field
          id={`${prefix}-serves`}
          label="One order is for (guests)"
          inputMode="numeric"
          placeholder="the whole party"
          hint="Tables for 20: 20, and a party of 25 can order 2. Empty: one order per party."
          value={f.serves}
          onChange={(e) => set({ ...f, serves: e.target.value })}
        />
      )}
      <Field
        id={`${prefix}-sort`}
        label="Sort order"
        type="number"
        value={f.sortOrder}
        onChange={(e) => set({ ...f, sortOrder: Number(e.target.value) })}
      />
      <TextAreaField
        id={`${prefix}-desc`}
        label="Description"
        className="md:col-span-3"
        maxLength={500}
        value={f.description}
        onChange={(e) => set({ ...f, description: e.target.value })}
      />
      <TagBoxes
        legend="Ingredients"
        prefix={`${prefix}-contains`}
        options={INGREDIENT_SLUGS.map((c) => ({
          value: c,
          label: INGREDIENTS[c].label,
          hint: INGREDIENTS[c].implies.join(", ") || undefined,
        }))}
        value={f.contains}
        onChange={(contains) => set({ ...f, contains })}
        note="What the dish is made with. Each one's allergens (in brackets) count as contained."
      />
      <TagBoxes
        legend="Allergens it contains"
        prefix={`${prefix}-allergen`}
        options={MAJOR_ALLERGENS.map((a) => ({ value: a, label: a, hint: ALLERGEN_HINTS[a] }))}
        value={f.allergens}
        onChange={(allergens) => set({ ...f, allergens })}
        note="The nine major allergens. Tick every one the dish contains, sauces included."
        implied={impliedAllergens(f.contains)}
      />
      <TagBoxes
        legend="Diets it suits"
        prefix={`${prefix}-diet`}
        options={DIETARY_TAGS.map((t) => ({ value: t, label: dietaryTagLabel(t) }))}
        value={f.dietaryTags}
        onChange={(dietaryTags) => set({ ...f, dietaryTags })}
        note="“On request”: the chef makes it so when the customer asks."
        exclusive
        columns="sm:grid-cols-2"
      />
      {dietConflicts(f).length > 0 && (
        <ul className="text-sm text-red-700 md:col-span-3" data-testid="diet-conflicts">
          {dietConflicts(f).map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      <Field
        id={`${prefix}-seasonal`}
        label="Seasonal tags"
        value={f.seasonalTags}
        onChange={(e) => set({ ...f, seasonalTags: e.target.value })}
      />
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={f.active}
          onChange={(e) => set({ ...f, active: e.target.checked })}
        />{" "}
        On the menu
      </label>
    </div>
  );
}

function toInput(f: ItemForm): { error: string } | { item: Record<string, unknown> } {
  const priceCents = dollarsToCents(f.price);
  if (priceCents === null) return { error: "Price: enter an amount like 12.50." };
  const serves = f.serves.trim();
  if (f.pricing === "FLAT" && serves && !/^[1-9]\d{0,3}$/.test(serves))
    return {
      error:
        "One order is for: enter a number of guests, like 20, or leave it empty for the whole party.",
    };
  return {
    item: {
      slug: f.slug.trim(),
      name: f.name,
      description: f.description,
      kind: f.kind,
      pricing: f.pricing,
      priceCents,
      servesGuests: f.pricing === "FLAT" && serves ? Number(serves) : null,
      allergens: f.allergens,
      contains: f.contains,
      dietaryTags: f.dietaryTags,
      seasonalTags: splitTags(f.seasonalTags),
      active: f.active,
      sortOrder: f.sortOrder,
    },
  };
}

type Item = {
  id: string;
  slug: string;
  name: string;
  description: string;
  kind: Kind;
  pricing: "PER_PERSON" | "FLAT";
  priceCents: number;
  servesGuests: number | null;
  allergens: string[];
  contains: string[];
  dietaryTags: string[];
  seasonalTags: string[];
  active: boolean;
  sortOrder: number;
  /** When it was last saved: an edit carries it, so a stale edit is refused (reload). */
  updatedAt: Date;
};

function ItemRow({ item }: { item: Item }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [f, setF] = useState<ItemForm>(() => ({
    ...item,
    price: centsToDollars(item.priceCents),
    serves: item.servesGuests ? String(item.servesGuests) : "",
    allergens: item.allergens,
    contains: item.contains,
    dietaryTags: item.dietaryTags,
    seasonalTags: item.seasonalTags.join(", "),
  }));
  const [clientError, setClientError] = useState<string | null>(null);
  const save = useMutation(
    trpc.owner.menu.updateItem.mutationOptions({
      onSuccess: () => {
        setOpen(false);
        void refresh();
      },
    }),
  );
  return (
    <li className="border-b border-stone-100 py-2" data-testid="menu-item">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">{item.name}</span>
        <span className="text-sm">
          {formatCents(item.priceCents)}
          {item.pricing === "PER_PERSON" ? " / person" : ` / order · ${extraLimitWords(item, 0)}`}
        </span>
        {!item.active && <Badge tone="red">hidden</Badge>}
        {item.dietaryTags.map((t) => (
          <Badge key={t} tone="green">
            {dietaryTagLabel(t)}
          </Badge>
        ))}
        {item.seasonalTags.map((t) => (
          <Badge key={t} tone="blue">
            {t}
          </Badge>
        ))}
        <span className="text-xs text-muted">
          allergens: {[...itemAllergens(item)].join(", ") || "none"}
        </span>
        <Button
          variant="ghost"
          className="ml-auto"
          onClick={() => setOpen(!open)}
          aria-expanded={open}
          aria-label={`Edit ${item.name}`}
        >
          {open ? "Close" : "Edit"}
        </Button>
      </div>
      {open && (
        <form
          className="mt-2 flex flex-col gap-3 rounded-lg bg-stone-50 p-3"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setClientError(null);
            const r = toInput(f);
            if ("error" in r) return setClientError(r.error);
            save.mutate({ id: item.id, item: r.item as never, updatedAt: item.updatedAt });
          }}
        >
          <ItemFields f={f} set={setF} prefix={`item-${item.slug}`} />
          <ErrorBox>{clientError ?? errorMessage(save.error)}</ErrorBox>
          <Button type="submit" className="self-start" disabled={save.isPending}>
            Save {item.name}
          </Button>
        </form>
      )}
    </li>
  );
}

type Pkg = {
  id: string;
  slug: string;
  name: string;
  description: string;
  adultPriceCents: number;
  childPriceCents: number;
  proteinsPerGuest: number;
  includes: string[];
  /** What its own included dishes contain (fried rice, sauces: R1-2). */
  allergens: string[];
  contains: string[];
  active: boolean;
  sortOrder: number;
  updatedAt: Date;
};

function PackageRow({ pkg }: { pkg: Pkg }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const [f, setF] = useState({
    name: pkg.name,
    adult: centsToDollars(pkg.adultPriceCents),
    child: centsToDollars(pkg.childPriceCents),
    proteins: String(pkg.proteinsPerGuest),
    includes: pkg.includes.join(", "),
    allergens: pkg.allergens,
    contains: pkg.contains,
    active: pkg.active,
    description: pkg.description,
  });
  const [clientError, setClientError] = useState<string | null>(null);
  const save = useMutation(
    trpc.owner.menu.updatePackage.mutationOptions({ onSuccess: () => void refresh() }),
  );
  const p = `pkg-${pkg.slug}`;
  return (
    <form
      className="grid gap-3 border-b border-stone-100 py-3 md:grid-cols-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setClientError(null);
        const adultPriceCents = dollarsToCents(f.adult);
        const childPriceCents = dollarsToCents(f.child);
        if (adultPriceCents === null || childPriceCents === null)
          return setClientError("Prices: enter amounts like 60.00.");
        save.mutate({
          id: pkg.id,
          updatedAt: pkg.updatedAt,
          pkg: {
            name: f.name,
            description: f.description,
            adultPriceCents,
            childPriceCents,
            proteinsPerGuest: Number(f.proteins),
            includes: splitTags(f.includes),
            allergens: f.allergens,
            contains: f.contains,
            active: f.active,
          },
        });
      }}
    >
      <Field
        id={`${p}-name`}
        label="Package name"
        value={f.name}
        onChange={(e) => setF({ ...f, name: e.target.value })}
      />
      <Field
        id={`${p}-adult`}
        label="Adult price ($)"
        value={f.adult}
        onChange={(e) => setF({ ...f, adult: e.target.value })}
      />
      <Field
        id={`${p}-child`}
        label="Child price ($)"
        value={f.child}
        onChange={(e) => setF({ ...f, child: e.target.value })}
      />
      <Field
        id={`${p}-proteins`}
        label="Proteins per guest"
        inputMode="numeric"
        value={f.proteins}
        onChange={(e) => setF({ ...f, proteins: e.target.value })}
      />
      <TextAreaField
        id={`${p}-desc`}
        label="Description"
        className="md:col-span-2"
        maxLength={1000}
        value={f.description}
        onChange={(e) => setF({ ...f, description: e.target.value })}
      />
      <Field
        id={`${p}-includes`}
        label="Includes (comma separated)"
        className="md:col-span-2"
        hint="Write a menu item's name exactly (Edamame) and it is free with this package: the booking site shows it as included and never charges it."
        value={f.includes}
        onChange={(e) => setF({ ...f, includes: e.target.value })}
      />
      <TagBoxes
        legend="Ingredients of its included dishes"
        prefix={`${p}-contains`}
        options={INGREDIENT_SLUGS.map((c) => ({
          value: c,
          label: INGREDIENTS[c].label,
          hint: INGREDIENTS[c].implies.join(", ") || undefined,
        }))}
        value={f.contains}
        onChange={(contains) => setF({ ...f, contains })}
        note="What the rice, sauces and sides served with every party are made with (the proteins are items of their own). Each one's allergens count as contained."
      />
      <TagBoxes
        legend="Allergens its included dishes contain"
        prefix={`${p}-allergen`}
        options={MAJOR_ALLERGENS.map((a) => ({ value: a, label: a, hint: ALLERGEN_HINTS[a] }))}
        value={f.allergens}
        onChange={(allergens) => setF({ ...f, allergens })}
        note="Customers see them on the menu and the booking wizard marks the package for a party that avoids one."
        implied={impliedAllergens(f.contains)}
      />
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={f.active}
          onChange={(e) => setF({ ...f, active: e.target.checked })}
        />{" "}
        On sale
      </label>
      <div className="md:col-span-4">
        <ErrorBox>{clientError ?? errorMessage(save.error)}</ErrorBox>
        {save.isSuccess && (
          <p role="status" className="text-sm text-green-800">
            Saved.
          </p>
        )}
      </div>
      <Button type="submit" disabled={save.isPending}>
        Save {pkg.name}
      </Button>
    </form>
  );
}

export function MenuEditor() {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const menu = useQuery(trpc.owner.menu.list.queryOptions());
  const [newItem, setNewItem] = useState<ItemForm>(emptyItem);
  const [clientError, setClientError] = useState<string | null>(null);
  const create = useMutation(
    trpc.owner.menu.createItem.mutationOptions({
      onSuccess: () => {
        setNewItem(emptyItem);
        void refresh();
      },
    }),
  );
  if (menu.isLoading) return <p role="status">Loading menu…</p>;
  if (!menu.data) return <ErrorBox>{errorMessage(menu.error)}</ErrorBox>;
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">Menu &amp; pricing</h1>
      <p className="text-sm text-muted">
        Changes apply to new quotes at once; existing bookings keep their prices.
      </p>
      <Card>
        <h2 className="font-semibold">Packages</h2>
        {menu.data.packages.map((p) => (
          <PackageRow key={p.id} pkg={p} />
        ))}
      </Card>
      {KINDS.map((k) => (
        <Card key={k}>
          <h2 className="font-semibold">{KIND_LABEL[k]}</h2>
          <ul>
            {menu.data.items
              .filter((i) => i.kind === k)
              .map((i) => (
                <ItemRow key={i.id} item={i as Item} />
              ))}
          </ul>
        </Card>
      ))}
      <Card>
        <h2 className="font-semibold">Add a menu item</h2>
        <form
          className="mt-2 flex flex-col gap-3"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setClientError(null);
            const r = toInput(newItem);
            if ("error" in r) return setClientError(r.error);
            create.mutate(r.item as never);
          }}
        >
          <ItemFields f={newItem} set={setNewItem} prefix="new" />
          <ErrorBox>{clientError ?? errorMessage(create.error)}</ErrorBox>
          <Button type="submit" className="self-start" disabled={create.isPending}>
            Add item
          </Button>
        </form>
      </Card>
    </div>
  );
}
