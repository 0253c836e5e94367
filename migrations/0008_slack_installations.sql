-- Installations made through OAuth ("Add to Slack"): one bot token per workspace ('T:<team id>')
-- or per Enterprise Grid organization for an org-wide install ('E:<enterprise id>'). bot_token is
-- AES-GCM ciphertext under a key derived from the SLACK_TOKEN_KEY secret, never the token itself.
CREATE TABLE IF NOT EXISTS slack_installations (
  key TEXT PRIMARY KEY,
  team_id TEXT,
  enterprise_id TEXT,
  is_enterprise_install INTEGER NOT NULL DEFAULT 0 CHECK (is_enterprise_install IN (0, 1)),
  bot_token TEXT NOT NULL,
  bot_user_id TEXT,
  scopes TEXT,
  app_id TEXT,
  installed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
