import type { Metadata } from "next";
import { requireStaff } from "~/server/session";
import { MenuEditor } from "./menu-editor";

export const metadata: Metadata = { title: "Menu & pricing" };
export const dynamic = "force-dynamic";

export default async function Page() {
  await requireStaff(["OWNER"]);
  return <MenuEditor />;
}
