import type { Metadata } from "next";
import { adminApi, requireStaff } from "~/server/session";
import { SettingsEditor } from "./settings-editor";

export const metadata: Metadata = { title: "Settings" };
export const dynamic = "force-dynamic";

export default async function Page() {
  await requireStaff(["OWNER"]);
  const { timeZone } = await (await adminApi()).bookings.businessToday();
  return <SettingsEditor timeZone={timeZone} />;
}
