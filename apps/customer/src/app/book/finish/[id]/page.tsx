import type { Metadata } from "next";
import { api } from "~/server/caller";
import { readOnServer } from "~/server/booking-read";
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
  const caller = await api();
  // A signed-in customer's details, as the wizard's contact step reads them (from the session,
  // never from the URL); null for a visitor, and when the read fails the fields start empty.
  const [catalog, prefill] = await Promise.all([
    caller.catalog.get(),
    readOnServer(() => caller.account.bookingPrefill()),
  ]);
  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-3xl font-extrabold">Finish your booking</h1>
      <NoScript
        phone={catalog.business.phone}
        email={catalog.business.email}
        what="Finishing a held booking online"
      />
      <div data-needs-js>
        <FinishHold id={id} token={token ?? ""} catalog={catalog} prefill={prefill ?? null} />
      </div>
    </div>
  );
}
