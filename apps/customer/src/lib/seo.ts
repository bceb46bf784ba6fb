import type { Metadata } from "next";

export const SITE_NAME = "MyHibachi";

/** The social preview image (our own, rendered by art/render.mjs), shared by every page. */
export const SHARE_IMAGE = {
  url: "/images/og.jpg",
  width: 1200,
  height: 630,
  type: "image/jpeg",
  alt: "MyHibachi: a chef in a white hat cooking at a hibachi grill in a backyard at dusk.",
};

/**
 * A page's own title, description, canonical address and social preview (Open Graph and
 * Twitter, with SHARE_IMAGE). `title` goes through the layout's template ("Menu · MyHibachi")
 * unless `absolute` is set.
 */
export function pageMetadata(opts: {
  title: string;
  description: string;
  path: string;
  absolute?: boolean;
}): Metadata {
  const full = opts.absolute ? opts.title : `${opts.title} · ${SITE_NAME}`;
  return {
    title: opts.absolute ? { absolute: opts.title } : opts.title,
    description: opts.description,
    alternates: { canonical: opts.path },
    openGraph: {
      type: "website",
      siteName: SITE_NAME,
      locale: "en_US",
      url: opts.path,
      title: full,
      description: opts.description,
      images: [SHARE_IMAGE],
    },
    twitter: {
      card: "summary_large_image",
      title: full,
      description: opts.description,
      images: [SHARE_IMAGE],
    },
  };
}
