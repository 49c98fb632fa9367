-- The request log's write cost in PostgreSQL, before and after ADR 0032, without the app (bench/RESULTS.md, "Issue 24").
-- psql -d <a scratch database> -f bench/request-log-probe.sql: builds its own tables (1,000 keys × 5,000 rows) and times one
-- 2 s batch of b2 (20,000 entries over the 1,000 keys) written the old way and the new way, and the trim alone; each in a
-- transaction rolled back.
\set ON_ERROR_STOP on
DROP TABLE IF EXISTS rl; DROP TABLE IF EXISTS rl_queue;
CREATE TABLE rl (id uuid PRIMARY KEY, account_id uuid NOT NULL, api_key_id uuid NOT NULL, at timestamptz NOT NULL,
  method varchar(16) NOT NULL, path text NOT NULL, status int NOT NULL, duration_ms int NOT NULL, client_address varchar(64), user_agent text);
CREATE INDEX ON rl (api_key_id, id); CREATE INDEX ON rl (at);
CREATE TABLE rl_queue (api_key_id uuid PRIMARY KEY);
-- 1,000 keys with 5,000 rows each (b2 after a few minutes), ids ordered in time like UUIDv7
CREATE TEMP TABLE keys AS SELECT gen_random_uuid() AS k, g AS n FROM generate_series(1, 1000) g;
INSERT INTO rl SELECT (lpad(to_hex(i), 12, '0') || '7000800000000000' || lpad(to_hex(k.n), 4, '0'))::uuid, k.k, k.k, now(), 'GET', '/v1/developer-access/whoami', 200, 1, '127.0.0.1', 'wrk'
  FROM keys k, generate_series(1, 5000) i;
VACUUM ANALYZE rl;
CREATE TEMP TABLE batch AS SELECT (lpad(to_hex(100000 + i), 12, '0') || '7000800000000000' || lpad(to_hex(k.n), 4, '0'))::uuid AS id, k.k AS key
  FROM keys k, generate_series(1, 20) i;   -- one 2 s batch of b2: 20,000 entries over the 1,000 keys
\timing on
-- before (ADR 0019): insert + trim of every key in the batch
BEGIN;
INSERT INTO rl SELECT id, key, key, now(), 'GET', '/v1/developer-access/whoami', 200, 1, '127.0.0.1', 'wrk' FROM batch ON CONFLICT (id) DO NOTHING;
WITH edges AS MATERIALIZED (SELECT k.key, (SELECT x.id FROM rl x WHERE x.api_key_id = k.key ORDER BY x.id DESC OFFSET 10000 LIMIT 1) AS edge FROM (SELECT DISTINCT key FROM batch) k)
DELETE FROM rl r USING edges e WHERE e.edge IS NOT NULL AND r.api_key_id = e.key AND r.id <= e.edge;
ROLLBACK;
-- after (ADR 0032): the entries (COPY in the app; an INSERT here) and the marks; the trim once a minute
BEGIN;
INSERT INTO rl SELECT id, key, key, now(), 'GET', '/v1/developer-access/whoami', 200, 1, '127.0.0.1', 'wrk' FROM batch;
INSERT INTO rl_queue SELECT DISTINCT key FROM batch ON CONFLICT DO NOTHING;
ROLLBACK;
-- the trim alone (once a minute, for the keys marked)
BEGIN;
INSERT INTO rl_queue SELECT k FROM keys ON CONFLICT DO NOTHING;
WITH marked AS (DELETE FROM rl_queue RETURNING api_key_id),
edges AS MATERIALIZED (SELECT m.api_key_id AS key, (SELECT x.id FROM rl x WHERE x.api_key_id = m.api_key_id ORDER BY x.id DESC OFFSET 10000 LIMIT 1) AS edge FROM marked m)
DELETE FROM rl r USING edges e WHERE e.edge IS NOT NULL AND r.api_key_id = e.key AND r.id <= e.edge;
ROLLBACK;
