import { z } from "zod";
import { publicReviews, REVIEWS_PER_PAGE } from "../../campaigns/reviews";
import { anyone } from "../access";
import { defineOperation } from "../define";
import { instant } from "../output-schemas";

/**
 * What past customers said (the site's /reviews page): ratings of 4 or 5 with a comment, newest
 * first, each with the customer's first name and the party's city only; the average and count of
 * every rating; the business's Google and Yelp review pages when the owner set them. A low
 * rating's words are never here (they are the owner's, on the campaigns page).
 */
export const listPublicReviewsOp = defineOperation({
  name: "listPublicReviews",
  kind: "query",
  summary: `What past customers said: ratings of 4-5 with a comment (first name and city only), ${REVIEWS_PER_PAGE} per page, newest first; the average and count of all ratings; the business's review pages.`,
  access: anyone,
  input: z.object({
    page: z
      .number({ error: "Pages are whole numbers, from 1." })
      .int("Pages are whole numbers, from 1.")
      .min(1, "Pages start at 1.")
      .max(100_000, "There aren't that many pages.")
      .optional()
      .meta({ description: "Which page, from 1 (the default); past the last: the last." }),
  }),
  output: z.object({
    /** The average of every rating given (one decimal), or null when there is none yet. */
    average: z.number().nullable(),
    /** How many ratings were given (all of them, 1 to 5). */
    ratingCount: z.number().int(),
    /** How many reviews are quoted (ratings of 4-5 with a comment). */
    reviewCount: z.number().int(),
    page: z.number().int(),
    pages: z.number().int(),
    links: z.object({
      /** The business's Google review page (https), when set. */
      google: z.string().nullable(),
      /** The business's Yelp page (https), when set. */
      yelp: z.string().nullable(),
    }),
    reviews: z.array(
      z.object({
        id: z.string(),
        rating: z.number().int(),
        comment: z.string(),
        /** The customer's first name only ("A guest" when there is none to show). */
        firstName: z.string(),
        /** The party's city, when known. */
        city: z.string().nullable(),
        createdAt: instant,
      }),
    ),
  }),
  run: (ctx, input) => publicReviews(ctx.db, { page: input.page ?? 1 }),
});
