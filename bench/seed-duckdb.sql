-- bench/seed.sql's purchase segment for DuckDB: the same rows, columns and shapes, made by DuckDB and written to
-- a Parquet file (:parquet), with a view over it in the database file the service opens, as an export is usually
-- read. TIMESTAMPTZ is DuckDB's instant (Parquet's timestamp adjusted to UTC). bench/throughput.sh puts :rows and
-- :parquet in, and runs it with bench/DuckDb.java.
COPY (
SELECT 'ORD-' || lpad(g::VARCHAR, 9, '0') AS order_id,
       now() - INTERVAL 1 HOUR - (g % 500000) * INTERVAL 1 SECOND AS purchased_at,
       ['web', 'app_android', 'app_ios', 'offline'][1 + g % 4] AS channel,
       ' Customer.' || g || '@Example.COM' AS email,
       '+1 (415) ' || (200 + g % 800) || '-' || lpad((g % 10000)::VARCHAR, 4, '0') AS phone,
       ['Anna', 'Björn', 'Chloé', 'Dmitri', 'Eve'][1 + g % 5] AS first_name,
       ['Smith', 'Müller', 'Dupont', 'Ivanov', 'García', 'O''Brien'][1 + g % 6] AS last_name,
       ['US', 'FR', 'DE', 'GB', 'es'][1 + g % 5] AS country,
       '203.' || (g // 65536 % 256) || '.' || (g // 256 % 256) || '.' || (g % 256) AS ip,
       'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36' AS user_agent,
       round(5 + (g % 49500) / 100, 2)::DECIMAL(12, 2) AS amount,
       ['USD', 'EUR', 'GBP'][1 + g % 3] AS currency
FROM range(1, :rows + 1) AS t(g)
) TO ':parquet' (FORMAT parquet);
CREATE OR REPLACE VIEW purchases AS SELECT * FROM read_parquet(':parquet');
