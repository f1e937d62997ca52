-- Activations paused by an operator: no run starts (scheduled or on request) until resumed. Shared by
-- every instance.
CREATE TABLE conversions.activation_state (
    activation_id VARCHAR(200)             NOT NULL PRIMARY KEY,
    paused        BOOLEAN                  NOT NULL,
    changed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    reason        VARCHAR(2000)
);
