-- The ledger's key compared byte by byte (collation "C") rather than by the database's collation: the key is
-- an identifier, never sorted for a person, and equality is the same either way. Each look-up of a chunk's
-- 1,000 ids and each insert walks the primary key; with the database's collation (C.UTF-8 on the benchmark
-- machine) every comparison went through strcoll. Measured (BENCHMARKS.md, issue 15): a chunk's look-up in a
-- 1,000,000-row ledger 1.6-1.9 ms -> 1.0-1.2 ms for ids not there, 2.0-2.2 -> 1.5-1.8 ms for ids there.
-- Comparing with a segment's column of the default collation takes this one (no conflict). Rebuilds the
-- primary key: on a large ledger this migration takes a while, once.
ALTER TABLE conversions.delivered_event
    ALTER COLUMN event_id TYPE VARCHAR(256) COLLATE "C",
    ALTER COLUMN ad_account_id TYPE VARCHAR(18) COLLATE "C",
    ALTER COLUMN event_name TYPE VARCHAR(100) COLLATE "C";
