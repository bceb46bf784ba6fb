import { pageMetadata } from "~/lib/seo";
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

export default function Page() {
  return <MyBookings />;
}
