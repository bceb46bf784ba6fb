import { api } from "~/server/caller";
import { MenuView } from "./menu-view";
import { pageMetadata } from "~/lib/seo";

export const dynamic = "force-dynamic";
export const metadata = pageMetadata({
  title: "Menu, prices and allergens",
  description:
    "Our hibachi packages and every protein, upgrade, side and add-on with its price, allergens and dietary tags. Filter by diet or allergy.",
  path: "/menu",
});

export default async function MenuPage() {
  const caller = await api();
  const catalog = await caller.catalog.get();
  return <MenuView packages={catalog.packages} items={catalog.items} />;
}
