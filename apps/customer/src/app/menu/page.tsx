import type { Metadata } from "next";
import { api } from "~/server/caller";
import { MenuView } from "./menu-view";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Menu" };

export default async function MenuPage() {
  const caller = await api();
  const catalog = await caller.catalog.get();
  return <MenuView packages={catalog.packages} items={catalog.items} />;
}
