import { Suspense } from "react";
import { formatCents } from "@myhibachi/shared";
import { pageMetadata } from "~/lib/seo";
import { api } from "~/server/caller";
import { readOnServer } from "~/server/booking-read";
import { NoScript } from "./no-script";
import { BookingWizard } from "./wizard";

export const dynamic = "force-dynamic";
export const metadata = pageMetadata({
  title: "Book a chef",
  description:
    "Pick a date with a free chef, choose your package and proteins, and see the exact price before you book your hibachi party.",
  path: "/book",
});

// The page shell is rendered on the server (the heading, and without JavaScript the packages,
// prices and a phone number); the wizard itself runs in the browser (wizard.tsx).
export default async function BookPage() {
  const caller = await api();
  // A signed-in customer's details for the contact step, from their session (never from the
  // URL); null for a visitor, and when the read fails the wizard simply starts empty.
  const [catalog, prefill] = await Promise.all([
    caller.catalog.get(),
    readOnServer(() => caller.account.bookingPrefill()),
  ]);
  const { business } = catalog;
  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-3xl font-extrabold">Book your hibachi party</h1>
      <NoScript phone={business.phone} email={business.email} what="Booking online">
        <h2 className="mt-2 text-lg font-bold">Our packages</h2>
        <ul className="flex flex-col gap-3">
          {catalog.packages.map((p) => (
            <li key={p.slug}>
              <p className="font-semibold">
                {p.name}: {formatCents(p.adultPriceCents)} per adult,{" "}
                {formatCents(p.childPriceCents)} per child (12 and under)
              </p>
              <p className="text-sm">{p.description}</p>
            </li>
          ))}
        </ul>
        <p className="text-sm">
          Parties of {business.minGuests} to {business.maxGuests} guests. Travel fees and tax depend
          on the address; we tell you the exact total on the phone.
        </p>
      </NoScript>
      <div data-needs-js>
        <Suspense>
          <BookingWizard catalog={catalog} prefill={prefill ?? null} />
        </Suspense>
      </div>
    </div>
  );
}
