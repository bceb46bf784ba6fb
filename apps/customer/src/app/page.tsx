import { formatCents, telHref } from "@myhibachi/shared";
import { buildFaq } from "~/content/faq";
import { TESTIMONIALS } from "~/content/testimonials";
import { pageMetadata } from "~/lib/seo";
import { api } from "~/server/caller";

export const dynamic = "force-dynamic";
export const metadata = pageMetadata({
  title: "MyHibachi · a private hibachi chef at your home",
  description:
    "A hibachi chef cooks live at your home party: see real free dates, get an exact price for your guests and book in minutes.",
  path: "/",
  absolute: true,
});

/** Our own illustration for a package (a generic plate for packages we have no picture of). */
function packageImage(slug: string): string {
  return slug === "classic" || slug === "premium"
    ? `/images/package-${slug}.svg`
    : "/images/package.svg";
}

const STEPS = [
  {
    title: "Pick a date and time",
    text: "See the times that are really free for your party size and ZIP code.",
    icon: "M7 3v3M17 3v3M4 9h16M5 5h14a1 1 0 0 1 1 1v13a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1z",
  },
  {
    title: "Choose the menu",
    text: "A package, proteins for each guest, upgrades and extras, with the exact price as you go.",
    icon: "M4 12h16M6 12a6 6 0 0 0 12 0M9 8c0-2 2-2 2-4M13 8c0-2 2-2 2-4",
  },
  {
    title: "Enjoy the show",
    text: "Your chef brings the grill, cooks at your table and leaves the grill area clean.",
    icon: "M12 3c2 3 5 5 5 9a5 5 0 0 1-10 0c0-2 1-3 2-4 0 2 1 3 2 3 0-3-1-5 1-8z",
  },
];

const cta =
  "inline-flex min-h-11 items-center justify-center rounded-xl px-6 py-3 font-bold whitespace-nowrap";

export default async function Home() {
  const caller = await api();
  const catalog = await caller.catalog.get();
  const { packages, business } = catalog;
  const faq = buildFaq(catalog);
  const phone = (
    <a
      href={telHref(business.phone) ?? undefined}
      className="font-semibold whitespace-nowrap underline"
    >
      {business.phone}
    </a>
  );
  return (
    <div className="flex flex-col gap-14">
      <section className="grid items-center gap-8 overflow-hidden rounded-3xl bg-brand-50 px-6 py-10 sm:px-10 md:grid-cols-2">
        <div>
          <h1 className="text-4xl font-extrabold tracking-tight sm:text-5xl">
            A hibachi chef, live at your party
          </h1>
          <p className="mt-4 max-w-xl text-lg">
            We bring the grill, the chef and the show to your backyard. Pick a date, see the times
            that are really free, get an exact price and book in minutes.
          </p>
          <div className="mt-7 flex flex-wrap gap-3">
            <a href="/book" className={`${cta} bg-brand-600 text-white hover:bg-brand-700`}>
              Check availability
            </a>
            <a
              href="/menu"
              className={`${cta} border-2 border-brand-600 text-brand-700 hover:bg-white`}
            >
              See the menu
            </a>
          </div>
          <p className="mt-5">Rather talk to us? Call {phone}.</p>
        </div>
        <img
          src="/images/hero.svg"
          alt="A chef in a white hat flips shrimp over the flames of a hibachi grill in a backyard at dusk, guests watching."
          width={480}
          height={360}
          fetchPriority="high"
          className="h-auto w-full rounded-3xl"
        />
      </section>

      <section aria-labelledby="packages-heading">
        <h2 id="packages-heading" className="text-3xl font-bold">
          Packages
        </h2>
        <p className="mt-2 text-muted">
          Every party is at least {formatCents(business.partyMinimumCents)} in food, before travel
          and tax. Children 12 and under pay the child price.
        </p>
        <ul className="mt-5 grid gap-5 sm:grid-cols-2">
          {packages.map((p) => (
            <li
              key={p.id}
              className="flex flex-col overflow-hidden rounded-2xl border border-stone-200 bg-white shadow-sm"
            >
              <img
                src={packageImage(p.slug)}
                alt=""
                width={320}
                height={180}
                loading="lazy"
                className="h-auto w-full"
              />
              <div className="flex flex-1 flex-col p-5">
                <h3 className="text-xl font-bold">{p.name}</h3>
                <p className="mt-1 text-2xl font-extrabold text-brand-700">
                  {formatCents(p.adultPriceCents)}{" "}
                  <span className="text-base font-medium text-muted">per adult</span>
                </p>
                <p className="text-sm text-muted">
                  {formatCents(p.childPriceCents)} per child (12 and under)
                </p>
                <p className="mt-3">{p.description}</p>
                <ul className="mt-3 mb-5 list-inside list-disc text-sm">
                  {p.includes.map((i) => (
                    <li key={i}>{i}</li>
                  ))}
                </ul>
                <a
                  href={`/book?package=${encodeURIComponent(p.slug)}`}
                  aria-label={`Book this package: ${p.name}`}
                  className={`${cta} mt-auto bg-brand-600 text-white hover:bg-brand-700`}
                >
                  Book this package
                </a>
              </div>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="how-heading">
        <h2 id="how-heading" className="text-3xl font-bold">
          How it works
        </h2>
        <ol className="mt-5 grid gap-5 sm:grid-cols-3">
          {STEPS.map((s, i) => (
            <li key={s.title} className="rounded-2xl border border-stone-200 bg-white p-5">
              <svg
                aria-hidden="true"
                viewBox="0 0 24 24"
                className="h-10 w-10 rounded-full bg-brand-50 p-2 text-brand-700"
                fill="none"
                stroke="currentColor"
                strokeWidth="1.8"
                strokeLinecap="round"
                strokeLinejoin="round"
              >
                <path d={s.icon} />
              </svg>
              <h3 className="mt-3 font-bold">
                {i + 1}. {s.title}
              </h3>
              <p className="mt-1 text-sm">{s.text}</p>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="reviews-heading">
        <h2 id="reviews-heading" className="text-3xl font-bold">
          What our guests told us
        </h2>
        <p className="mt-2 text-sm text-muted">
          From thank-you notes guests sent us after their parties, shared with their permission.
        </p>
        <ul className="mt-5 grid gap-5 sm:grid-cols-2">
          {TESTIMONIALS.map((t) => (
            <li key={t.name} className="rounded-2xl border border-stone-200 bg-white p-5">
              <figure>
                <blockquote className="text-lg">“{t.quote}”</blockquote>
                <figcaption className="mt-3 text-sm">
                  <span className="font-semibold">{t.name}</span>, {t.place}
                  <span className="block text-muted">{t.occasion}</span>
                </figcaption>
              </figure>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="faq-heading">
        <h2 id="faq-heading" className="text-3xl font-bold">
          Questions people ask
        </h2>
        <div className="mt-5 flex flex-col gap-3">
          {faq.map((f) => (
            <details
              key={f.id}
              id={`faq-${f.id}`}
              className="group rounded-2xl border border-stone-200 bg-white"
            >
              <summary className="flex min-h-11 cursor-pointer list-none items-center justify-between gap-4 px-5 py-3 font-semibold [&::-webkit-details-marker]:hidden">
                {f.question}
                <span
                  aria-hidden="true"
                  className="text-xl text-brand-700 transition-transform group-open:rotate-45"
                >
                  +
                </span>
              </summary>
              <p className="px-5 pb-4">{f.answer}</p>
            </details>
          ))}
        </div>
        <p className="mt-4">
          Something else? Call {phone}, email{" "}
          <a href={`mailto:${business.email}`} className="underline">
            {business.email}
          </a>{" "}
          or ask in the chat.
        </p>
      </section>

      <section
        aria-labelledby="ready-heading"
        className="rounded-3xl bg-stone-100 px-6 py-10 text-center sm:px-10"
      >
        <h2 id="ready-heading" className="text-3xl font-bold">
          Ready to pick a date?
        </h2>
        <p className="mt-2">
          See which evenings are free for your party and what it costs, before you give us any
          details.
        </p>
        <div className="mt-6 flex flex-wrap justify-center gap-3">
          <a href="/book" className={`${cta} bg-brand-600 text-white hover:bg-brand-700`}>
            Check availability
          </a>
        </div>
      </section>
    </div>
  );
}
