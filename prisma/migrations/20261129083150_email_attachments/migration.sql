-- Files sent with an email, written with it: [{ "filename", "contentType", "content" }] (text
-- content, e.g. the calendar event (.ics) of a booking email). Null: no attachments.
ALTER TABLE "EmailMessage" ADD COLUMN "attachments" JSONB;
