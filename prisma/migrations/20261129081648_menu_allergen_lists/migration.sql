-- Allergens and dietary tags become fixed lists (packages/shared/src/allergens.ts): the nine
-- major US allergens, and the diets the menu filter and the assistant know, each also
-- "<diet>-on-request". Values typed before are rewritten to the list's words where their meaning
-- is plain ("Peanut" -> "peanuts", "dairy" -> "milk", "nuts" -> both kinds of nut, "gluten free"
-- -> "gluten-free"); anything else is kept as it was (never silently dropped: an allergen we
-- can't read is still an allergen) and the menu editor shows it for the owner to untick.

UPDATE "MenuItem" m
SET "allergens" = COALESCE(
  (
    SELECT array_agg(t.w ORDER BY t.o)
    FROM (
      SELECT w, min(a.o) AS o
      FROM unnest(m."allergens") WITH ORDINALITY AS a(v, o),
      LATERAL unnest(
        CASE regexp_replace(lower(btrim(a.v)), '[\s_-]+', ' ', 'g')
          WHEN 'dairy' THEN ARRAY['milk']
          WHEN 'milk products' THEN ARRAY['milk']
          WHEN 'lactose' THEN ARRAY['milk']
          WHEN 'eggs' THEN ARRAY['egg']
          WHEN 'peanut' THEN ARRAY['peanuts']
          WHEN 'tree nut' THEN ARRAY['tree nuts']
          WHEN 'treenuts' THEN ARRAY['tree nuts']
          WHEN 'nut' THEN ARRAY['peanuts', 'tree nuts']
          WHEN 'nuts' THEN ARRAY['peanuts', 'tree nuts']
          WHEN 'shell fish' THEN ARRAY['shellfish']
          WHEN 'crustacean' THEN ARRAY['shellfish']
          WHEN 'crustaceans' THEN ARRAY['shellfish']
          WHEN 'shrimp' THEN ARRAY['shellfish']
          WHEN 'crab' THEN ARRAY['shellfish']
          WHEN 'lobster' THEN ARRAY['shellfish']
          WHEN 'gluten' THEN ARRAY['wheat']
          WHEN 'soya' THEN ARRAY['soy']
          WHEN 'soybean' THEN ARRAY['soy']
          WHEN 'soybeans' THEN ARRAY['soy']
          WHEN 'sesame seed' THEN ARRAY['sesame']
          WHEN 'sesame seeds' THEN ARRAY['sesame']
          ELSE ARRAY[regexp_replace(lower(btrim(a.v)), '[\s_-]+', ' ', 'g')]
        END
      ) AS w
      WHERE btrim(a.v) <> ''
      GROUP BY w
    ) t
  ),
  '{}'
);

UPDATE "MenuItem" m
SET "dietaryTags" = COALESCE(
  (
    SELECT array_agg(t.w ORDER BY t.o)
    FROM (
      SELECT w, min(a.o) AS o
      FROM unnest(m."dietaryTags") WITH ORDINALITY AS a(v, o),
      LATERAL (
        SELECT regexp_replace(
          regexp_replace(
            regexp_replace(lower(btrim(a.v)), '[\s_]+', '-', 'g'),
            '^(gluten|dairy)-?free', '\1-free'),
          '^veggie$', 'vegetarian') AS w
      ) n
      WHERE btrim(a.v) <> ''
      GROUP BY w
    ) t
  ),
  '{}'
);
