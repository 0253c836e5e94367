-- A 👎 can say what was wrong (one of a few reasons, plus optional details) and which source was
-- missing; both are stored with the vote and listed for admins (GET /api/admin/feedback).
ALTER TABLE feedback ADD COLUMN reason TEXT;
ALTER TABLE feedback ADD COLUMN missing_source TEXT;
