-- One vote per voter per answer: a second vote (or a replayed click) replaces the first.
-- voter is a hash (of the Slack user, or of the web client's address); answer_key identifies the
-- answer voted on (the question and its top sources).
ALTER TABLE feedback ADD COLUMN voter TEXT;
ALTER TABLE feedback ADD COLUMN answer_key TEXT;
CREATE UNIQUE INDEX IF NOT EXISTS feedback_voter_answer ON feedback (voter, answer_key) WHERE voter IS NOT NULL;
CREATE INDEX IF NOT EXISTS slack_events_received ON slack_events (received_at);
CREATE INDEX IF NOT EXISTS slack_threads_updated ON slack_threads (updated_at);
