-- Gateways describe an anomaly in both console languages; the English text stays in "detail".
ALTER TABLE anomaly ADD COLUMN detail_zh TEXT NOT NULL DEFAULT '';
