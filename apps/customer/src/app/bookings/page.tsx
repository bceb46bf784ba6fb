import { pageMetadata } from "~/lib/seo";
import { api } from "~/server/caller";
import { NoScript } from "../book/no-script";
import { MyBookings } from "./my-bookings";

export const metadata = {
  ...pageMetadata({
    title: "My bookings",
    description:
      "See, move or cancel your hibachi parties, change the guests or the menu, pay the balance and get your receipts.",
    path: "/bookings",
  }),
  // A signed-in page: nothing for search engines to index.
  robots: { index: false },
};

export default async function Page({
  searchParams,
}: {
  searchParams: Promise<{ error?: string | string[] }>;
}) {
  const { business } = await (await api()).catalog.get();
  // A sign-in or confirmation link that didn't work lands here with better-auth's error code.
  const linkFailed = (await searchParams).error !== undefined;
  return (
    <>
      {linkFailed && (
        <p
          role="alert"
          className="mb-4 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950"
          data-testid="link-error"
        >
          That link didn&apos;t work: it has expired or was already used (each link works once).
          Sign in below, or ask for a new link.
        </p>
      )}
      <NoScript
        phone={business.phone}
        email={business.email}
        what="Seeing and changing your bookings here"
        title="Call us about your bookings"
        help="and we will look up your bookings with you, and move, change or cancel them."
      />
      <div data-needs-js>
        <MyBookings timeZone={business.timeZone} />
      </div>
    </>
  );
}
