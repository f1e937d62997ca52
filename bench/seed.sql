-- A purchase segment of :rows rows, as a shop's warehouse would hold it: order id, time of purchase
-- (within Pinterest's 7 days), channel, clear-text customer data in the shapes people type it,
-- amount and currency. psql -v rows=1000000 -f bench/seed.sql
DROP SCHEMA IF EXISTS bench CASCADE;
CREATE SCHEMA bench;
CREATE TABLE bench.purchases (
    order_id     text PRIMARY KEY,
    purchased_at timestamptz NOT NULL,
    channel      text NOT NULL,
    email        text,
    phone        text,
    first_name   text,
    last_name    text,
    country      text,
    ip           text,
    user_agent   text,
    amount       numeric(12, 2),
    currency     text
);
INSERT INTO bench.purchases
SELECT 'ORD-' || lpad(g::text, 9, '0'),
       now() - interval '1 hour' - (g % 500000) * interval '1 second',
       (ARRAY['web', 'app_android', 'app_ios', 'offline'])[1 + g % 4],
       ' Customer.' || g || '@Example.COM',
       '+1 (415) ' || (200 + g % 800) || '-' || lpad((g % 10000)::text, 4, '0'),
       (ARRAY['Anna', 'Björn', 'Chloé', 'Dmitri', 'Eve'])[1 + g % 5],
       (ARRAY['Smith', 'Müller', 'Dupont', 'Ivanov', 'García', 'O''Brien'])[1 + g % 6],
       (ARRAY['US', 'FR', 'DE', 'GB', 'es'])[1 + g % 5],
       '203.' || (g / 65536 % 256) || '.' || (g / 256 % 256) || '.' || (g % 256),
       'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
       round((5 + (g % 49500) / 100.0)::numeric, 2),
       (ARRAY['USD', 'EUR', 'GBP'])[1 + g % 3]
FROM generate_series(1, :rows) AS g;
ANALYZE bench.purchases;
