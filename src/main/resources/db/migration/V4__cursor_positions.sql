-- How far each activation with a cursor has read: rows at or past this position are read by the next
-- run (with those behind it that are pending or held back). Advanced chunk by chunk, once settled.
CREATE TABLE conversions.activation_cursor (
    activation_id VARCHAR(200)             NOT NULL PRIMARY KEY,
    cursor_column VARCHAR(200)             NOT NULL,
    position      VARCHAR(200)             NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
