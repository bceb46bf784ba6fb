-- Where a suppression came from (issue 14, owner's campaign pages): the unsubscribe link (every
-- row so far) or the owner's suppression list page. The owner's reason stays in "reason".
ALTER TABLE "Suppression" ADD COLUMN "source" TEXT NOT NULL DEFAULT 'unsubscribe-link';
CREATE INDEX "Suppression_createdAt_idx" ON "Suppression" ("createdAt");
