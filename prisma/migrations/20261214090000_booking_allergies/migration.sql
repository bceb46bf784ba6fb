-- Allergies and dietary needs as the customer wrote them, kept apart from the free notes so
-- every kitchen view (review, confirmation, email, admin booking, prep and run sheets) shows them.
ALTER TABLE "Booking" ADD COLUMN "allergies" TEXT;
