-- A small purchase segment for the demo. The demo's database is kept between starts: each row holds how
-- long ago it happened, and the view the demo reads gives its time relative to now, so it stays fresh.
CREATE SCHEMA IF NOT EXISTS demo;

CREATE TABLE demo.purchases (
    order_id     VARCHAR(40) PRIMARY KEY,
    age          INTERVAL NOT NULL,
    channel      VARCHAR(20),
    email        VARCHAR(200),
    phone        VARCHAR(40),
    first_name   VARCHAR(100),
    last_name    VARCHAR(100),
    country      VARCHAR(60),
    ip           VARCHAR(45),
    user_agent   VARCHAR(400),
    amount       NUMERIC(12, 2),
    currency     VARCHAR(3)
);

INSERT INTO demo.purchases VALUES
    ('DEMO-1001', INTERVAL '2' HOUR, 'web', ' Alice.Martin@Example.com ', '+1 (415) 555-0100',
     'Alice', 'Martin', 'US', '203.0.113.10', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)', 72.39, 'usd'),
    ('DEMO-1002', INTERVAL '1' DAY, 'offline', 'bruno@example.org', '0044 20 7946 0000',
     'Bruno', 'Keller', 'gb', NULL, NULL, 120.00, 'GBP'),
    ('DEMO-1003', INTERVAL '3' DAY, 'app_ios', NULL, NULL, NULL, NULL, 'France',
     '198.51.100.7', 'MyShop/3.2 (iPhone; iOS 17.5)', 15.50, 'EUR'),
    -- held back: older than Pinterest's 7 days
    ('DEMO-1004', INTERVAL '10' DAY, 'web', 'carol@example.com', NULL, NULL, NULL, 'US',
     NULL, NULL, 30.00, 'USD'),
    -- held back: no email, and an IP without a user agent
    ('DEMO-1005', INTERVAL '5' HOUR, 'web', NULL, '+33 6 12 34 56 78', 'Dan', NULL, 'FR',
     '192.0.2.44', NULL, 12.00, 'EUR'),
    -- held back: not one of Pinterest's action sources
    ('DEMO-1006', INTERVAL '6' HOUR, 'online', 'erin@example.com', NULL, NULL, NULL, NULL,
     NULL, NULL, 49.90, 'USD'),
    -- sent without its phone: +1 and 9 digits is no number there; the email still matches
    ('DEMO-1007', INTERVAL '3' HOUR, 'web', 'frank@example.com', '+1 234 589 947', 'Frank', NULL, 'US',
     NULL, NULL, 18.00, 'USD');

CREATE VIEW demo.purchase_events AS
SELECT order_id, now() - age AS purchased_at, channel, email, phone, first_name, last_name, country, ip, user_agent,
       amount, currency
FROM demo.purchases;
