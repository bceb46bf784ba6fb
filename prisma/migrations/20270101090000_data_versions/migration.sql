-- Issue 18 (booking write path): a version number for the data a booking is priced and placed
-- with, so a process may keep the catalog (settings, packages, menu, zones, ZIP codes) and the
-- chef roster (chefs, working hours, time off, service zones) in memory and re-read them only
-- when they changed: one cheap read of this row instead of nine queries per booking.
-- Bumped by a statement trigger on every write to those tables (whatever writes it: the app, a
-- seed, psql), in the writer's transaction, so a reader sees the new number only with the new data.
CREATE TABLE "DataVersion" (
    "name" TEXT NOT NULL,
    "version" BIGINT NOT NULL DEFAULT 1,

    CONSTRAINT "DataVersion_pkey" PRIMARY KEY ("name")
);
INSERT INTO "DataVersion" ("name") VALUES ('catalog'), ('roster');

CREATE FUNCTION data_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "name" = TG_ARGV[0];
  RETURN NULL;
END
$$;

CREATE TRIGGER "BusinessSettings_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
  ON "BusinessSettings" FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump('catalog');
CREATE TRIGGER "Package_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
  ON "Package" FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump('catalog');
CREATE TRIGGER "MenuItem_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
  ON "MenuItem" FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump('catalog');
CREATE TRIGGER "TravelZone_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
  ON "TravelZone" FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump('catalog');
CREATE TRIGGER "ServicePostalCode_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
  ON "ServicePostalCode" FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump('catalog');

CREATE TRIGGER "Chef_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
  ON "Chef" FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump('roster');
CREATE TRIGGER "ChefWorkingHours_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
  ON "ChefWorkingHours" FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump('roster');
CREATE TRIGGER "ChefTimeOff_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
  ON "ChefTimeOff" FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump('roster');
CREATE TRIGGER "ChefServiceZone_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
  ON "ChefServiceZone" FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump('roster');
