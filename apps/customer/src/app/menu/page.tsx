import { api } from "~/server/caller";
import { MenuView } from "./menu-view";
import { menuFiltersOf } from "./menu-filters";
import { pageMetadata } from "~/lib/seo";

export const dynamic = "force-dynamic";
export const metadata = pageMetadata({
  title: "Menu, prices and allergens",
  description:
    "Our hibachi packages and every protein, upgrade, side and add-on with its price, allergens and dietary tags. Filter by diet or allergy.",
  path: "/menu",
});

export default async function MenuPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const caller = await api();
  const [catalog, params] = await Promise.all([caller.catalog.get(), searchParams]);
  const initial = menuFiltersOf(params);
  // A new link (a voice command on this page) starts from its own filters.
  const key = `${initial.diet}|${initial.avoid.join(",")}`;
  return <MenuView key={key} packages={catalog.packages} items={catalog.items} initial={initial} />;
}
