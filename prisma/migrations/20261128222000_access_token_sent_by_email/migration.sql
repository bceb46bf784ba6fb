-- Only a link delivered by email to the contact address may confirm a held booking.
ALTER TABLE "BookingAccessToken" ADD COLUMN "sentByEmail" BOOLEAN NOT NULL DEFAULT false;
