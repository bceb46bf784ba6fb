-- The food perks are concrete (pricing/quote.ts): Silver's "Free appetizer upgrade" frees one
-- serving per guest of the cheapest appetizer ordered, Gold's "Free dessert" the dessert it names
-- (the menu has no dessert kind: `itemSlugs`, the seed's pumpkin mochi; a slug not on the menu
-- frees nothing and the quote says so). The default labels say what they give; a label the
-- owner changed is kept. Bookings keep the perks they were priced with (Booking.loyalty).
UPDATE "LoyaltyTier" t
   SET "perks" = (
     SELECT jsonb_agg(
              CASE
                WHEN p->>'code' = 'FREE_APPETIZER_UPGRADE' AND p->>'label' = 'Free appetizer upgrade'
                  THEN p || '{"label": "Free appetizer for every guest"}'::jsonb
                WHEN p->>'code' = 'FREE_DESSERT' AND NOT (p ? 'itemSlugs')
                  THEN p || jsonb_build_object(
                         'itemSlugs', '["pumpkin-mochi"]'::jsonb,
                         'label', CASE WHEN p->>'label' = 'Free dessert'
                                       THEN 'Free dessert for every guest' ELSE p->>'label' END)
                ELSE p
              END ORDER BY e.ord)
       FROM jsonb_array_elements(t."perks") WITH ORDINALITY AS e(p, ord))
 WHERE jsonb_typeof(t."perks") = 'array'
   AND jsonb_array_length(t."perks") > 0
   AND (t."perks"::text LIKE '%"FREE_APPETIZER_UPGRADE"%' OR t."perks"::text LIKE '%"FREE_DESSERT"%');
