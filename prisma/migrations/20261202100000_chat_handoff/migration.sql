-- Hand-off that reaches a person (issue 11, point 6): staff reply inside the conversation
-- (role STAFF, with the author's account and the name the customer sees), how to reach an
-- anonymous visitor (asked once, when the assistant hands off), and who is handling the chat.
ALTER TYPE "ChatRole" ADD VALUE 'STAFF';

ALTER TABLE "ChatMessage" ADD COLUMN "authorId" TEXT,
ADD COLUMN "authorName" TEXT;

ALTER TABLE "Conversation" ADD COLUMN "contactAskAt" TIMESTAMPTZ(3),
ADD COLUMN "contactEmail" TEXT,
ADD COLUMN "contactPhone" TEXT,
ADD COLUMN "staffReplyAt" TIMESTAMPTZ(3),
ADD COLUMN "staffUserId" TEXT;
