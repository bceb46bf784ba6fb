-- Loyalty (issue 14, points 1-3): tiers as data, an append-only points ledger, and each customer's
-- derived state (recomputed from the ledger, bookings and payments, never incremented).

-- The tier a booking was priced with (name, discount, perks): a change of the party keeps it.
ALTER TABLE "Booking" ADD COLUMN "loyalty" JSONB;

CREATE TYPE "LoyaltyEntryKind" AS ENUM ('EARN', 'REVERSE', 'REFUND', 'REDEEM', 'EXPIRE');

CREATE TABLE "LoyaltyTier" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "minCompletedBookings" INTEGER NOT NULL,
    "discountBps" INTEGER NOT NULL,
    "perks" JSONB NOT NULL,
    "sortOrder" INTEGER NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LoyaltyTier_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "LoyaltyTier_min_check" CHECK ("minCompletedBookings" >= 0),
    CONSTRAINT "LoyaltyTier_discount_check" CHECK ("discountBps" BETWEEN 0 AND 5000)
);
CREATE UNIQUE INDEX "LoyaltyTier_name_key" ON "LoyaltyTier"("name");
CREATE UNIQUE INDEX "LoyaltyTier_minCompletedBookings_key" ON "LoyaltyTier"("minCompletedBookings");

CREATE TABLE "LoyaltyLedger" (
    "id" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "kind" "LoyaltyEntryKind" NOT NULL,
    "sourceId" TEXT NOT NULL,
    "bookingId" TEXT,
    "points" INTEGER NOT NULL,
    "note" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LoyaltyLedger_pkey" PRIMARY KEY ("id")
);
-- One entry per fact: a retried job or a second recompute can't write the same entry twice.
CREATE UNIQUE INDEX "LoyaltyLedger_kind_sourceId_key" ON "LoyaltyLedger"("kind", "sourceId");
CREATE INDEX "LoyaltyLedger_customerId_createdAt_idx" ON "LoyaltyLedger"("customerId", "createdAt");
ALTER TABLE "LoyaltyLedger" ADD CONSTRAINT "LoyaltyLedger_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Append-only: an entry is never changed (a correction is a new entry). Rows go only with their
-- customer (account erasure cascades).
CREATE FUNCTION loyalty_ledger_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'LoyaltyLedger is append-only: entries are never updated';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "LoyaltyLedger_append_only" BEFORE UPDATE ON "LoyaltyLedger"
  FOR EACH ROW EXECUTE FUNCTION loyalty_ledger_append_only();

CREATE TABLE "CustomerLoyalty" (
    "customerId" TEXT NOT NULL,
    "tierId" TEXT NOT NULL,
    "completedBookings" INTEGER NOT NULL,
    "lifetimeValueCents" INTEGER NOT NULL,
    "points" INTEGER NOT NULL,
    "computedAt" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "CustomerLoyalty_pkey" PRIMARY KEY ("customerId")
);
CREATE INDEX "CustomerLoyalty_tierId_idx" ON "CustomerLoyalty"("tierId");
ALTER TABLE "CustomerLoyalty" ADD CONSTRAINT "CustomerLoyalty_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "CustomerLoyalty" ADD CONSTRAINT "CustomerLoyalty_tierId_fkey" FOREIGN KEY ("tierId") REFERENCES "LoyaltyTier"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The defaults of issue 14, editable by the owner.
INSERT INTO "LoyaltyTier" ("id", "name", "minCompletedBookings", "discountBps", "perks", "sortOrder") VALUES
  ('tier_bronze', 'Bronze', 0, 500,
   '[{"code":"BIRTHDAY_GREETING","label":"A birthday greeting","inQuote":false}]', 1),
  ('tier_silver', 'Silver', 4, 1000,
   '[{"code":"PRIORITY_BOOKING","label":"Priority booking slots","inQuote":false},{"code":"FREE_APPETIZER_UPGRADE","label":"Free appetizer upgrade","inQuote":true}]', 2),
  ('tier_gold', 'Gold', 10, 1500,
   '[{"code":"PRIORITY_BOOKING","label":"Priority booking slots","inQuote":false},{"code":"FREE_DESSERT","label":"Free dessert","inQuote":true},{"code":"EARLY_ACCESS","label":"Early access to new menu items","inQuote":false}]', 3);
