import NextLink from "next/link";
import type { ComponentProps } from "react";

/**
 * The site's links: next/link (client-side navigation) without prefetching. Next prefetches
 * every link as it scrolls into view; on a phone each answer is parsed on the main thread while
 * the page is still becoming interactive (Lighthouse counted six such fetches on the landing
 * page), for pages most visitors never open. A click still navigates without a full reload.
 */
export default function Link(props: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={false} {...props} />;
}
