// The /reviews page's content (a server component: no "use client", no hooks): the average and
// count, the business's review pages, the quoted reviews and plain links between pages.

export interface PublicReviews {
  average: number | null;
  ratingCount: number;
  reviewCount: number;
  page: number;
  pages: number;
  links: { google: string | null; yelp: string | null };
  reviews: {
    id: string;
    rating: number;
    comment: string;
    firstName: string;
    city: string | null;
    createdAt: Date;
  }[];
}

/** `?page=` as a page number: anything but a whole number from 1 is the first page. */
export function pageOf(raw: string | string[] | undefined): number {
  const v = Array.isArray(raw) ? raw[0] : raw;
  return v && /^\d{1,5}$/.test(v) && Number(v) >= 1 ? Number(v) : 1;
}

const plural = (n: number, one: string) =>
  `${n.toLocaleString("en-US")} ${one}${n === 1 ? "" : "s"}`;

function Stars({ rating }: { rating: number }) {
  return (
    <span role="img" aria-label={`${rating} out of 5 stars`} className="text-brand-600">
      {"★".repeat(rating)}
      <span className="text-stone-300 dark:text-stone-600">{"★".repeat(5 - rating)}</span>
    </span>
  );
}

export function ReviewsView({
  data,
  businessName,
  dateOf,
}: {
  data: PublicReviews;
  businessName: string;
  dateOf: (d: Date) => string;
}) {
  const { links } = data;
  const external = [
    links.google ? { href: links.google, label: "Review us on Google" } : null,
    links.yelp ? { href: links.yelp, label: "Review us on Yelp" } : null,
  ].filter((l) => l !== null);
  return (
    <article className="mx-auto max-w-2xl leading-relaxed">
      <h1 className="text-3xl font-extrabold">What our customers say</h1>
      {data.average === null ? (
        <p className="mt-2 text-muted" data-testid="reviews-summary">
          No ratings yet. After each party we ask our customers how it went.
        </p>
      ) : (
        <p className="mt-2 text-lg" data-testid="reviews-summary">
          <strong>{data.average.toFixed(1)} out of 5</strong>{" "}
          <span className="text-muted">
            from {plural(data.ratingCount, "rating")} after parties with {businessName}
          </span>
        </p>
      )}

      <section
        aria-labelledby="leave-review"
        className="mt-6 rounded-xl border border-stone-200 p-4 dark:border-stone-700"
      >
        <h2 id="leave-review" className="text-xl font-bold">
          Had a party with us?
        </h2>
        {external.length > 0 ? (
          <>
            <p className="mt-1">We would love to hear about it where others can read it too.</p>
            <ul className="mt-3 flex flex-wrap gap-3">
              {external.map((l) => (
                <li key={l.href}>
                  <a
                    href={l.href}
                    rel="noopener noreferrer"
                    className="inline-flex min-h-11 items-center rounded-lg bg-brand-600 px-4 font-semibold text-white hover:bg-brand-700"
                  >
                    {l.label}
                  </a>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="mt-1">
            Use the rating link in the email we sent after your party: your words may appear here.
          </p>
        )}
      </section>

      {data.reviews.length === 0 ? (
        <p className="mt-8 text-muted">No reviews to show yet.</p>
      ) : (
        <ol className="mt-8 flex flex-col gap-4" aria-label="Reviews" data-testid="reviews">
          {data.reviews.map((r) => (
            <li key={r.id} className="rounded-xl border border-stone-200 p-4 dark:border-stone-700">
              <figure>
                <Stars rating={r.rating} />
                <blockquote className="mt-2 whitespace-pre-line [overflow-wrap:anywhere]">
                  {r.comment}
                </blockquote>
                <figcaption className="mt-2 text-sm text-muted">
                  {r.firstName}
                  {r.city ? `, ${r.city}` : ""} · {dateOf(new Date(r.createdAt))}
                </figcaption>
              </figure>
            </li>
          ))}
        </ol>
      )}

      {data.pages > 1 && (
        <nav aria-label="Pages of reviews" className="mt-6 flex items-center justify-between gap-4">
          {data.page > 1 ? (
            <a
              href={`/reviews?page=${data.page - 1}`}
              className="inline-block py-2 underline"
              rel="prev"
            >
              Newer reviews
            </a>
          ) : (
            <span />
          )}
          <span className="text-sm text-muted">
            Page {data.page} of {data.pages}
          </span>
          {data.page < data.pages ? (
            <a
              href={`/reviews?page=${data.page + 1}`}
              className="inline-block py-2 underline"
              rel="next"
            >
              Older reviews
            </a>
          ) : (
            <span />
          )}
        </nav>
      )}

      <p className="mt-8">
        <a href="/book" className="font-semibold underline">
          See free dates and book your party
        </a>
      </p>
    </article>
  );
}
