-- Delivery state beyond delivered and rejected.

-- Events whose request failed after every retry (Pinterest down, rate limited, token refused): they
-- are sent again by the next run; this says why they are still waiting. Removed once delivered.
CREATE TABLE conversions.pending_event (
    event_id        VARCHAR(256)             NOT NULL,
    activation_id   VARCHAR(200)             NOT NULL,
    cause           VARCHAR(2000)            NOT NULL,
    attempts        INTEGER                  NOT NULL,
    first_failed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_failed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_run_id     BIGINT,
    PRIMARY KEY (event_id, activation_id)
);
CREATE INDEX pending_by_activation ON conversions.pending_event (activation_id, last_failed_at);

-- A destination whose token Pinterest refused (401/403): no request is sent with that same token
-- until the cool-down has passed; a different token (configuration fixed) is tried at once.
CREATE TABLE conversions.destination_state (
    destination_id    VARCHAR(200)             NOT NULL PRIMARY KEY,
    token_fingerprint VARCHAR(64)              NOT NULL,
    refused_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    status            INTEGER                  NOT NULL,
    message           VARCHAR(2000)            NOT NULL
);

-- Pinterest's warnings on accepted events are kept; a refused event keeps a digest of what was sent,
-- so that it is not sent again unchanged.
ALTER TABLE conversions.delivered_event ADD COLUMN warning VARCHAR(1000);
ALTER TABLE conversions.rejection ADD COLUMN payload_hash VARCHAR(64);

-- The instance that ran a run: on restart it closes its own runs cut short.
ALTER TABLE conversions.run ADD COLUMN node VARCHAR(200);
