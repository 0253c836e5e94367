-- Threads the bot answers in, so follow-ups there need no mention; keeps only the last question.
CREATE TABLE IF NOT EXISTS slack_threads (
  channel TEXT NOT NULL,
  thread_ts TEXT NOT NULL,
  last_question TEXT NOT NULL,
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  PRIMARY KEY (channel, thread_ts)
);
