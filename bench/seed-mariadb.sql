-- bench/seed.sql's purchase segment in MariaDB, in the current database: the same rows, columns and shapes,
-- made by the server from a Sequence-engine table. TIMESTAMP is MariaDB's instant (kept in UTC), as timestamptz
-- is. { echo "SET @rows = 1000000;"; cat bench/seed-mariadb.sql; } | mariadb -h 127.0.0.1 -uroot -D bench
SET NAMES utf8mb4;
DROP TABLE IF EXISTS purchases;
CREATE TABLE purchases (
    order_id     VARCHAR(20) NOT NULL PRIMARY KEY,
    purchased_at TIMESTAMP NOT NULL,
    channel      VARCHAR(20) NOT NULL,
    email        VARCHAR(255),
    phone        VARCHAR(40),
    first_name   VARCHAR(100),
    last_name    VARCHAR(100),
    country      VARCHAR(10),
    ip           VARCHAR(45),
    user_agent   VARCHAR(512),
    amount       DECIMAL(12, 2),
    currency     VARCHAR(3)
) ENGINE = InnoDB;
-- the Sequence engine's table name holds the count (and, to be found, a database's name): the statement is put
-- together around it
SET @seed = CONCAT('INSERT INTO purchases
SELECT CONCAT(''ORD-'', LPAD(seq, 9, ''0'')),
       NOW() - INTERVAL 1 HOUR - INTERVAL (seq % 500000) SECOND,
       ELT(1 + seq % 4, ''web'', ''app_android'', ''app_ios'', ''offline''),
       CONCAT('' Customer.'', seq, ''@Example.COM''),
       CONCAT(''+1 (415) '', 200 + seq % 800, ''-'', LPAD(seq % 10000, 4, ''0'')),
       ELT(1 + seq % 5, ''Anna'', ''Björn'', ''Chloé'', ''Dmitri'', ''Eve''),
       ELT(1 + seq % 6, ''Smith'', ''Müller'', ''Dupont'', ''Ivanov'', ''García'', ''O''''Brien''),
       ELT(1 + seq % 5, ''US'', ''FR'', ''DE'', ''GB'', ''es''),
       CONCAT(''203.'', seq DIV 65536 % 256, ''.'', seq DIV 256 % 256, ''.'', seq % 256),
       ''Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'',
       ROUND(5 + (seq % 49500) / 100.0, 2),
       ELT(1 + seq % 3, ''USD'', ''EUR'', ''GBP'')
FROM ', DATABASE(), '.seq_1_to_', @rows);
PREPARE seed FROM @seed;
EXECUTE seed;
DEALLOCATE PREPARE seed;
ANALYZE TABLE purchases;
