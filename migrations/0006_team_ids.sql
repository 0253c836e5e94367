-- Every Slack row says which workspace it belongs to (the team id Slack sends); web rows leave it empty.
ALTER TABLE feedback ADD COLUMN team_id TEXT;
ALTER TABLE slack_events ADD COLUMN team_id TEXT;
