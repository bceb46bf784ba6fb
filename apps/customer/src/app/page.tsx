import Link from "next/link";
import { Card } from "@myhibachi/ui";
import { formatCents } from "@myhibachi/shared";
import { api } from "~/server/caller";

export const dynamic = "force-dynamic";

export default async function Home() {
  const caller = await api();
  const { packages, business, zones } = await caller.catalog.get();
  return (
    <div className="flex flex-col gap-10">
      <section className="rounded-3xl bg-gradient-to-br from-brand-600 to-brand-900 px-6 py-12 text-white sm:px-10">
        <h1 className="text-3xl font-extrabold sm:text-5xl">A hibachi chef, live at your party</h1>
        <p className="mt-4 max-w-2xl text-lg text-brand-50">
          We bring the grill, the chef and the show to your backyard. Pick a date, see real free
          times, get an exact price and book in minutes.
        </p>
        <div className="mt-8 flex flex-wrap gap-3">
          <Link
            href="/book"
            className="rounded-xl bg-white px-6 py-3 font-bold text-brand-700 hover:bg-brand-50"
          >
            Check availability
          </Link>
          <Link
            href="/menu"
            className="rounded-xl border border-white/60 px-6 py-3 font-bold text-white hover:bg-white/10"
          >
            See the menu
          </Link>
        </div>
      </section>

      <section aria-labelledby="packages-heading">
        <h2 id="packages-heading" className="text-2xl font-bold">
          Packages
        </h2>
        <div className="mt-4 grid gap-4 sm:grid-cols-2">
          {packages.map((p) => (
            <Card key={p.id}>
              <h3 className="text-xl font-bold">{p.name}</h3>
              <p className="mt-1 text-2xl font-extrabold text-brand-700">
                {formatCents(p.adultPriceCents)}{" "}
                <span className="text-base font-medium text-muted">per adult</span>
              </p>
              <p className="text-sm text-muted">
                {formatCents(p.childPriceCents)} per child (12 and under)
              </p>
              <p className="mt-3">{p.description}</p>
              <ul className="mt-3 list-inside list-disc text-sm">
                {p.includes.map((i) => (
                  <li key={i}>{i}</li>
                ))}
              </ul>
            </Card>
          ))}
        </div>
      </section>

      <section aria-labelledby="how-heading" className="grid gap-4 sm:grid-cols-3">
        <h2 id="how-heading" className="sr-only">
          Good to know
        </h2>
        <Card>
          <h3 className="font-bold">Party minimum</h3>
          <p className="mt-1 text-sm">
            Every event is at least {formatCents(business.partyMinimumCents)} before travel and tax.
            {business.payments === "stripe"
              ? `A ${formatCents(business.depositCents)} deposit, paid securely online, holds your date.`
              : "No payment is taken online: you pay at the event."}
          </p>
        </Card>
        <Card>
          <h3 className="font-bold">Where we cook</h3>
          <p className="mt-1 text-sm">
            Based in {business.baseAddress}.{" "}
            {zones
              .map((z) => `${z.name}: ${z.feeCents ? formatCents(z.feeCents) : "free"}`)
              .join(" · ")}
          </p>
        </Card>
        <Card>
          <h3 className="font-bold">Flexible</h3>
          <p className="mt-1 text-sm">
            {business.payments === "stripe"
              ? `Cancel up to ${business.freeCancellationHours} hours before the event for a full deposit refund.`
              : `Please cancel at least ${business.freeCancellationHours} hours before the event if you can.`}{" "}
            Book at least {business.minNoticeHours} hours ahead. Questions? Call {business.phone}.
          </p>
        </Card>
      </section>
    </div>
  );
}
