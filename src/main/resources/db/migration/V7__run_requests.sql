-- The requests each run made to Pinterest, by HTTP status ("network" when no answer came): retries
-- included, so a run's summary shows the 429s and 5xx it met on its way.
CREATE TABLE conversions.run_request (
    run_id   BIGINT      NOT NULL,
    status   VARCHAR(10) NOT NULL,
    requests BIGINT      NOT NULL,
    PRIMARY KEY (run_id, status)
);
