import type { MetadataRoute } from "next";
import { env } from "~/env";

export const dynamic = "force-dynamic";

/** The public pages, at the site's own address (CUSTOMER_URL). */
const PUBLIC_PAGES = [
  { path: "/", priority: 1 },
  { path: "/menu", priority: 0.9 },
  { path: "/book", priority: 0.9 },
  { path: "/reviews", priority: 0.6 },
  { path: "/chat", priority: 0.5 },
  { path: "/terms", priority: 0.2 },
  { path: "/privacy", priority: 0.2 },
] as const;

export default function sitemap(): MetadataRoute.Sitemap {
  return PUBLIC_PAGES.map((p) => ({
    url: new URL(p.path, env.CUSTOMER_URL).toString(),
    changeFrequency: "weekly",
    priority: p.priority,
  }));
}
