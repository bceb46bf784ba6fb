-- Issue 16, finding L5: "Extra protein portion" (slug extra-protein) is one more portion of any
-- standard protein, but listed no allergens and no ingredients, so the allergy filter took it as
-- safe for every profile (a party avoiding shellfish or milk could be offered it). Like a
-- package's own dishes (20261231130000_package_contains), it now carries what it can be: every
-- allergen and ingredient of the standard proteins (kind PROTEIN), so it is offered only to a
-- party none of them could harm. Only when it still lists none (an owner's own list is kept),
-- and the settings' version is bumped so caches and the assistant's knowledge read it again.
WITH proteins AS (
  SELECT
    COALESCE(
      (SELECT array_agg(DISTINCT a ORDER BY a) FROM "MenuItem" p, unnest(p."allergens") AS a
       WHERE p."kind" = 'PROTEIN'),
      ARRAY[]::TEXT[]
    ) AS allergens,
    COALESCE(
      (SELECT array_agg(DISTINCT c ORDER BY c) FROM "MenuItem" p, unnest(p."contains") AS c
       WHERE p."kind" = 'PROTEIN'),
      ARRAY[]::TEXT[]
    ) AS contains
),
changed AS (
  UPDATE "MenuItem" m
  SET "allergens" = proteins.allergens, "contains" = proteins.contains, "updatedAt" = now()
  FROM proteins
  WHERE m."slug" = 'extra-protein'
    AND cardinality(m."allergens") = 0
    AND cardinality(m."contains") = 0
    AND cardinality(proteins.allergens) > 0
  RETURNING m."id"
)
UPDATE "BusinessSettings" SET "version" = "version" + 1
WHERE "id" = 1 AND EXISTS (SELECT 1 FROM changed);
