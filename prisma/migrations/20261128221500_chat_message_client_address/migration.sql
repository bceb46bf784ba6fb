-- The sender's address of a chat message (trusted-proxy rule), so holds the assistant makes for it
-- count against the same per-address booking limit as bookings on the site.
ALTER TABLE "ChatMessage" ADD COLUMN "clientAddress" TEXT;
