import type { MetadataRoute } from "next";
import { env } from "~/env";

export const dynamic = "force-dynamic";

/** Search engines may read the public pages; bookings, accounts, links from emails and the API are private. */
export default function robots(): MetadataRoute.Robots {
  return {
    rules: {
      userAgent: "*",
      allow: "/",
      disallow: ["/api/", "/bookings", "/book/finish/", "/verify-email", "/dev/"],
    },
    sitemap: new URL("/sitemap.xml", env.CUSTOMER_URL).toString(),
  };
}
