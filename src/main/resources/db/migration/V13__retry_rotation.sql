-- When a run last asked a source for each row to retry by id: a row the source no longer returns (deleted, out
-- of the window) is never held back or failed again, so without this stamp it would stay first in line forever.
ALTER TABLE conversions.pending_event ADD COLUMN retried_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE conversions.rejection ADD COLUMN retried_at TIMESTAMP WITH TIME ZONE;
