import { formatCents, telHref } from "@myhibachi/shared";
import { pageMetadata } from "~/lib/seo";
import { api } from "~/server/caller";

export const dynamic = "force-dynamic";
export const metadata = pageMetadata({
  title: "Terms of service",
  description:
    "The terms of a MyHibachi party: booking, prices, deposit, changes and cancellations, the space and safety around the grill, allergies and alcohol.",
  path: "/terms",
});

const h2 = "mt-8 text-xl font-bold";

// The numbers (notice, cancellation and rescheduling limits, deposit, party minimum) are the
// business's settings, the same the booking pages, the emails and the assistant use.
export default async function Terms() {
  const { business: b } = await (await api()).catalog.get();
  const stripe = b.payments === "stripe";
  return (
    <article className="mx-auto max-w-2xl leading-relaxed">
      <h1 className="text-3xl font-extrabold">Terms of service</h1>
      <p className="mt-2 text-muted">
        These terms apply to every party booked with {b.name}, on this site, in the chat, by phone
        or by email. In short: the price you see is the price you pay, tell us early about changes,
        and give the chef a safe place to cook.
      </p>

      <h2 className={h2}>Your booking</h2>
      <p className="mt-2">
        A booking is for the date, start time, address, number of guests and menu shown on its
        confirmation. Book at least {b.minNoticeHours} hours ahead, and at most{" "}
        {b.bookingWindowDays} days ahead. A booking made online is held for a short time until you
        confirm it from the link we email you; a held booking that is not confirmed in time is
        released.
      </p>

      <h2 className={h2}>Prices and payment</h2>
      <p className="mt-2">
        Prices are per adult and per child (12 and under) for the package you choose, plus any
        upgrades and extras, the travel fee for your area and sales tax, all shown before you book.
        Every party is at least {formatCents(b.partyMinimumCents)} in food, before travel and tax.{" "}
        {stripe
          ? `A ${formatCents(b.depositCents)} deposit, paid online through Stripe, holds your date; the balance is due at the event.`
          : "Nothing is paid online: you pay at the event, by cash or card."}{" "}
        Gratuity is never added automatically and is entirely up to you.
      </p>

      <h2 className={h2}>Changes and cancellations</h2>
      <p className="mt-2">
        You can move your party to another free date or time online up to {b.rescheduleCutoffHours}{" "}
        hours before it starts, from the link in your confirmation email or from My bookings.{" "}
        {stripe
          ? `Cancel at least ${b.freeCancellationHours} hours before the event and your deposit is refunded in full${
              b.lateCancellationRefundBps > 0
                ? `; later, ${b.lateCancellationRefundBps / 100}% of it is refunded`
                : "; later cancellations keep the deposit"
            }.`
          : `Please cancel at least ${b.freeCancellationHours} hours before the event if you can: the chef has shopped and planned for you.`}{" "}
        If we ever have to cancel (a chef falls ill and nobody can replace them), we tell you at
        once, and refund everything you paid.
      </p>

      <h2 className={h2}>The space and safety</h2>
      <p className="mt-2">
        The chef cooks on a propane grill, outdoors only: a backyard, patio, driveway, open garage
        or under a canopy with open sides, on level ground, about 10 by 10 feet. Please keep
        children and pets a safe distance from the grill while it is hot. The chef may refuse to
        cook where it isn't safe (indoors, in high wind, on an unstable surface); we will work out
        another place or time with you first.
      </p>

      <h2 className={h2}>Allergies and food</h2>
      <p className="mt-2">
        Each dish on our{" "}
        <a href="/menu" className="underline">
          menu
        </a>{" "}
        lists its allergens. Tell us about allergies and dietary needs when you book; the chef plans
        for them, cooks on a separate clean surface where needed, and will tell you honestly if
        something can&apos;t be made safely. Our kitchen handles shellfish, fish, eggs, milk, soy,
        wheat and sesame.
      </p>

      <h2 className={h2}>Alcohol</h2>
      <p className="mt-2">
        We don&apos;t sell alcohol. Any drinks service is for guests 21 and over, with alcohol you
        provide, and the chef may stop serving anyone who appears intoxicated.
      </p>

      <h2 className={h2}>Questions</h2>
      <p className="mt-2">
        Call{" "}
        <a href={telHref(b.phone) ?? undefined} className="whitespace-nowrap underline">
          {b.phone}
        </a>{" "}
        or email{" "}
        <a href={`mailto:${b.email}`} className="underline">
          {b.email}
        </a>
        . See also our{" "}
        <a href="/privacy" className="underline">
          privacy policy
        </a>
        .
      </p>
    </article>
  );
}
