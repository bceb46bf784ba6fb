-- Phone numbers in one written form. New writes go through normalizePhone (libphonenumber-js);
-- this brings the numbers already stored in line for the North American ones (10 digits, or 11
-- starting with 1), which is every number the booking site has taken so far: "4085550199",
-- "408-555-0199" and "+1 408 555 0199" all become "(408) 555-0199". Anything else (letters, an
-- extension, another country) is left as typed.
CREATE FUNCTION pg_temp.phone_one_form(p text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN p IS NULL OR p !~ '^[[:space:]0-9()+.-]+$' THEN p
    -- "+49 30 1234567" has ten digits too: with a "+", only country code 1 is ours.
    WHEN p ~ '[+]' AND d !~ '^1' THEN p
    WHEN d ~ '^[2-9][0-9]{9}$' THEN '(' || substr(d, 1, 3) || ') ' || substr(d, 4, 3) || '-' || substr(d, 7, 4)
    WHEN d ~ '^1[2-9][0-9]{9}$' THEN '(' || substr(d, 2, 3) || ') ' || substr(d, 5, 3) || '-' || substr(d, 8, 4)
    ELSE p
  END
  FROM (SELECT regexp_replace(p, '[^0-9]', '', 'g') AS d) digits
$$;

UPDATE "Customer" SET "phone" = pg_temp.phone_one_form("phone")
  WHERE "phone" IS DISTINCT FROM pg_temp.phone_one_form("phone");
UPDATE "Booking" SET "contactPhone" = pg_temp.phone_one_form("contactPhone")
  WHERE "contactPhone" IS DISTINCT FROM pg_temp.phone_one_form("contactPhone");
UPDATE "Chef" SET "phone" = pg_temp.phone_one_form("phone")
  WHERE "phone" IS DISTINCT FROM pg_temp.phone_one_form("phone");
UPDATE "Conversation" SET "contactPhone" = pg_temp.phone_one_form("contactPhone")
  WHERE "contactPhone" IS DISTINCT FROM pg_temp.phone_one_form("contactPhone");
UPDATE "BusinessSettings" SET "phone" = pg_temp.phone_one_form("phone")
  WHERE "phone" IS DISTINCT FROM pg_temp.phone_one_form("phone");
