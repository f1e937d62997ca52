-- Runs against a destination in test mode (?test=true: Pinterest validates, records nothing), and
-- the match-quality counts of each run: how many accepted events carried each kind of identifier.
ALTER TABLE conversions.run ADD COLUMN test_mode BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE conversions.run ADD COLUMN match_email BIGINT NOT NULL DEFAULT 0;
ALTER TABLE conversions.run ADD COLUMN match_phone BIGINT NOT NULL DEFAULT 0;
ALTER TABLE conversions.run ADD COLUMN match_mobile_ad_id BIGINT NOT NULL DEFAULT 0;
ALTER TABLE conversions.run ADD COLUMN match_ip_user_agent BIGINT NOT NULL DEFAULT 0;
ALTER TABLE conversions.run ADD COLUMN match_click_id BIGINT NOT NULL DEFAULT 0;
ALTER TABLE conversions.run ADD COLUMN match_external_id BIGINT NOT NULL DEFAULT 0;
