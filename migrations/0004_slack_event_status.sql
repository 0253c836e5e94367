-- An event is done only once its answer was posted: a redelivery of an event whose first attempt
-- failed (or was abandoned) goes through. status: 'pending' while an attempt runs, 'done', 'failed'.
-- Rows that existed before this migration were handled: they stay 'done'.
ALTER TABLE slack_events ADD COLUMN status TEXT NOT NULL DEFAULT 'done' CHECK (status IN ('pending', 'done', 'failed'));
