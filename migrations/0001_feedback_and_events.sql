-- Feedback on answers (web chat and Slack) and Slack event ids already handled.
-- Stores the minimum: the question asked, the vote, the top sources; user ids only as hashes.
CREATE TABLE IF NOT EXISTS feedback (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  channel TEXT NOT NULL CHECK (channel IN ('web', 'slack', 'api')),
  question TEXT NOT NULL,
  vote INTEGER NOT NULL CHECK (vote IN (-1, 1)),
  intent TEXT,
  sources TEXT,
  user_hash TEXT
);
CREATE INDEX IF NOT EXISTS feedback_created ON feedback (created_at);

CREATE TABLE IF NOT EXISTS slack_events (
  event_id TEXT PRIMARY KEY,
  received_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
