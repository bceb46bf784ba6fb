-- Churn-risk interventions (issue 15, point 6), built in and editable like the other sequences.
-- Enrolment is by the nightly analytics run (band 70-100 -> seq_churn_high, 40-69 ->
-- seq_churn_medium), once per customer per quarter. Its own migration: a new enum value can't be
-- used in the transaction that adds it.
INSERT INTO "CampaignSequence" ("id", "key", "name", "trigger", "active", "exitRules", "updatedAt") VALUES
  ('seq_churn_high', 'churn-high', 'Churn risk: high', 'CHURN_RISK', true, '{"exitOnBooking":true,"minScore":70}', CURRENT_TIMESTAMP),
  ('seq_churn_medium', 'churn-medium', 'Churn risk: medium', 'CHURN_RISK', true, '{"exitOnBooking":true,"minScore":40}', CURRENT_TIMESTAMP);

INSERT INTO "CampaignStep" ("id", "sequenceId", "position", "delayMinutes", "channel", "subject", "template", "offerPercent", "offerValidDays", "minRating", "needsApproval", "updatedAt") VALUES
  ('step_churn_high_1', 'seq_churn_high', 1, 60, 'EMAIL',
   'A personal note from us, {{firstName}}',
   E'Hi {{firstName}},\n\nI run the kitchen side of our hibachi parties, and I noticed it has been a while since we cooked for you. If anything about your last party fell short, I would really like to hear it: just reply to this email and it comes to me.\n\nIf you are planning another get-together, take {{offerPercent}} % off the food with the code {{offerCode}} (one use, until {{offerExpires}}).\n\n{{bookUrl}}', 20, 30, NULL, true, CURRENT_TIMESTAMP),
  ('step_churn_medium_1', 'seq_churn_medium', 1, 60, 'EMAIL',
   'New on our hibachi menu, and {{offerPercent}} % off',
   E'Hi {{firstName}},\n\nOur chefs have been busy: have a look at what is new on the menu this season.\n\n{{menuUrl}}\n\nWhen you are ready for your next party, the code {{offerCode}} takes {{offerPercent}} % off the food (one use, until {{offerExpires}}).\n\n{{bookUrl}}', 10, 30, NULL, false, CURRENT_TIMESTAMP);
