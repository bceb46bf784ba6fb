import { telHref } from "@myhibachi/shared";
import { pageMetadata } from "~/lib/seo";
import { api } from "~/server/caller";

export const dynamic = "force-dynamic";
export const metadata = pageMetadata({
  title: "Privacy policy",
  description:
    "What MyHibachi keeps about you (contact details, party address, allergies, chat messages), why, who else sees it, how long we keep it and how to ask for it or have it removed.",
  path: "/privacy",
});

const h2 = "mt-8 text-xl font-bold";

export default async function Privacy() {
  const { business: b } = await (await api()).catalog.get();
  return (
    <article className="mx-auto max-w-2xl leading-relaxed">
      <h1 className="text-3xl font-extrabold">Privacy policy</h1>
      <p className="mt-2 text-muted">
        {b.name} keeps only what it needs to cook your party and to keep its books. We don&apos;t
        sell your data, show ads or use tracking cookies.
      </p>

      <h2 className={h2}>What we keep</h2>
      <ul className="mt-2 list-disc pl-6">
        <li>Your name, email address and phone number, to confirm the booking and reach you.</li>
        <li>
          The party&apos;s address, date, guests and menu, so the chef knows where to go and what to
          bring.
        </li>
        <li>Allergies, dietary needs and notes you give us, so the chef can cook safely.</li>
        <li>
          Your messages in the chat, so the assistant and our team can answer them and a person can
          pick up the conversation.
        </li>
        <li>
          Payments: the amounts and when they were made.{" "}
          {b.payments === "stripe"
            ? "Card details are entered on Stripe's page and never reach us."
            : "Nothing is paid on this site: you pay at the event."}
        </li>
      </ul>

      <h2 className={h2}>Cookies</h2>
      <p className="mt-2">
        Two kinds, both needed for the site to work: a sign-in cookie when you sign in, and a chat
        cookie that keeps your conversation with us. No analytics or advertising cookies.
      </p>

      <h2 className={h2}>Who else sees it</h2>
      <p className="mt-2">
        The chef cooking your party sees the booking (address, guests, menu, allergies). When online
        payments are on, Stripe processes them. Our email provider delivers our emails. If we use an
        AI model to help answer the chat, your chat messages are sent to that provider to write the
        reply; never your payment details. We share nothing else, with no one, unless the law
        requires it.
      </p>

      <h2 className={h2}>How long we keep it</h2>
      <p className="mt-2">
        Bookings and payments are kept as long as tax and accounting rules require (usually seven
        years). Chat conversations and contact details you gave us without booking are deleted when
        we no longer need them to answer you.
      </p>

      <h2 className={h2}>Your choices</h2>
      <p className="mt-2">
        You can see your bookings under{" "}
        <a href="/bookings" className="underline">
          My bookings
        </a>
        . Ask us for a copy of everything we keep about you, to correct it, or to delete it: we do
        so within 30 days. Bookings we must keep for our books are then kept without your name and
        contact details.
      </p>

      <h2 className={h2}>Contact</h2>
      <p className="mt-2">
        Email{" "}
        <a href={`mailto:${b.email}`} className="underline">
          {b.email}
        </a>{" "}
        or call{" "}
        <a href={telHref(b.phone) ?? undefined} className="whitespace-nowrap underline">
          {b.phone}
        </a>
        . See also our{" "}
        <a href="/terms" className="underline">
          terms of service
        </a>
        .
      </p>
    </article>
  );
}
