-- What started a run: its schedule, a catch-up of a firing missed while the service was down (or held
-- back by the run before it), or an operator's "run now".
ALTER TABLE conversions.run ADD COLUMN started_by VARCHAR(20) NOT NULL DEFAULT 'schedule';
