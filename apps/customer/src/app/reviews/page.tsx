import { formatInstant } from "@myhibachi/shared";
import { pageMetadata } from "~/lib/seo";
import { api } from "~/server/caller";
import { ReviewsView, pageOf } from "./reviews-view";

export const dynamic = "force-dynamic";
export const metadata = pageMetadata({
  title: "Reviews",
  description:
    "What our customers said after their hibachi party at home: ratings and words from past parties, and where to leave your own review.",
  path: "/reviews",
});

// A server component only (no client JavaScript): the reviews come from the operation
// listPublicReviews (4-5 star ratings with a comment, first name and city only), pages are
// plain links (?page=2).
export default async function ReviewsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const caller = await api();
  const page = pageOf((await searchParams).page);
  const [reviews, menu] = await Promise.all([
    caller.catalog.reviews({ page }),
    caller.catalog.get(),
  ]);
  return (
    <ReviewsView
      data={reviews}
      businessName={menu.business.name}
      dateOf={(d) => formatInstant(d, menu.business.timeZone, "monthYear")}
    />
  );
}
