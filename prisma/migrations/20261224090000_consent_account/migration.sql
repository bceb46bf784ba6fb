-- Who said a consent, when said from a signed-in account (My bookings): a phone shared by two
-- accounts shows each only its own word, and one account cannot undo the other's "no".
ALTER TABLE "ContactConsent" ADD COLUMN "accountId" TEXT;
