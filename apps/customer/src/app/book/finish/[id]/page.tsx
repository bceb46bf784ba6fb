import type { Metadata } from "next";
import { api } from "~/server/caller";
import { NoScript } from "../../no-script";
import { FinishHold } from "./finish-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = {
  title: "Finish your booking",
  description: "Finish the booking our assistant held for you: menu, address and contact.",
};

export default async function FinishHoldPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ token?: string }>;
}) {
  const { id } = await params;
  const { token } = await searchParams;
  const catalog = await (await api()).catalog.get();
  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-3xl font-extrabold">Finish your booking</h1>
      <NoScript
        phone={catalog.business.phone}
        email={catalog.business.email}
        what="Finishing a held booking online"
      />
      <div data-needs-js>
        <FinishHold id={id} token={token ?? ""} catalog={catalog} />
      </div>
    </div>
  );
}
