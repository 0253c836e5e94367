-- Thread etiquette: who asked in a thread the bot answers in (a hash, as for feedback), and the
-- sources of its last answer there, so follow-ups keep their subject; the workspace of each row.
ALTER TABLE slack_threads ADD COLUMN asker TEXT;
ALTER TABLE slack_threads ADD COLUMN sources TEXT;
ALTER TABLE slack_threads ADD COLUMN team_id TEXT;

-- Per-channel settings, changed from Slack without a redeploy (/compendium mode ..., /compendium humans ...).
-- mode: 'mention' (answer only when mentioned), 'followups' (the default: also follow-ups from the
-- asker in threads it answered), 'auto' (also every question in the channel, when confident).
-- human_group: a Slack user group id to ping from "Ask a human".
CREATE TABLE IF NOT EXISTS slack_channels (
  team_id TEXT NOT NULL DEFAULT '',
  channel TEXT NOT NULL,
  mode TEXT NOT NULL DEFAULT 'followups' CHECK (mode IN ('mention', 'followups', 'auto')),
  human_group TEXT,
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  PRIMARY KEY (team_id, channel)
);
