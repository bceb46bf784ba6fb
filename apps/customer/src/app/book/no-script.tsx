// What a visitor without JavaScript sees instead of an interactive page (the booking form, My
// bookings, a booking's page): a plain explanation, the business's phone number as a link, and
// (on /book) the packages and prices.
// Server components only. Whatever is marked `data-needs-js` is hidden when scripts don't run.
import type { ReactNode } from "react";
import { telHref } from "@myhibachi/shared";

export function NoScript({
  phone,
  email,
  what,
  title = "Book by phone",
  help = "and we will book your party with you: we check the chefs' calendar while you are on the line.",
  children,
}: {
  phone: string;
  email: string;
  /** What can't be done without JavaScript, e.g. "Booking online". */
  what: string;
  /** The heading. */
  title?: string;
  /** What we do on the phone, after "Call us at ... (or email ...)". */
  help?: string;
  children?: ReactNode;
}) {
  return (
    <noscript>
      <style>{"[data-needs-js]{display:none!important}"}</style>
      <section
        aria-labelledby="noscript-heading"
        className="flex flex-col gap-3 rounded-2xl border border-amber-300 bg-amber-50 p-5 text-amber-950"
      >
        <h2 id="noscript-heading" className="text-xl font-bold">
          {title}
        </h2>
        <p>
          {what} needs JavaScript, which is turned off or blocked in this browser. Call us at{" "}
          <a className="font-semibold underline" href={telHref(phone) ?? undefined}>
            {phone}
          </a>{" "}
          (or email{" "}
          <a className="underline" href={`mailto:${email}`}>
            {email}
          </a>
          ) {help}
        </p>
        {children}
      </section>
    </noscript>
  );
}
