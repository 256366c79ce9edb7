/**
 * Migration 5 (2026-11-30): a COPY path for bulk appends (the streaming import on PostgreSQL).
 * `ledger_copy_begin` does for a batch what the first half of `ledger_append` does — stream locks,
 * the idempotency check of every event key against the stored events (same body skipped, another
 * body refused), the expected-version check, the year partitions — then reserves a contiguous
 * range of positions and one database-clock instant under the allocation lock, and returns them
 * with each stream's head. The client hashes the chain from those heads and COPYs the rows into
 * the session's staging table; `ledger_copy_commit` then checks every row set-based (placeholder
 * once, stream reserved, versions contiguous from the head, each `prevHash` the previous row's
 * hash, each hash the SHA-256 of the canonical text rebuilt with the reserved instant) and writes
 * them with one INSERT into `events` and one upsert into `streams`. Both are SECURITY DEFINER, so
 * the application role still cannot write `events` itself nor choose `recordedAt` or positions;
 * the staging tables are temporary, owned by the definer, dropped at commit. Frozen once
 * released (a test pins its hash). No `down`, as for the earlier migrations.
 */
import { sql } from "kysely"
import type { Kysely } from "kysely"

const statements: ReadonlyArray<string> = [
  `CREATE FUNCTION ledger_copy_begin(
     p_streams text[], p_expected integer[], p_counts integer[], p_keys text[], p_body_hashes text[]
   ) RETURNS text LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
   DECLARE
     v_lock record; v_row record;
     v_n integer := coalesce(array_length(p_streams, 1), 0);
     v_from integer := 1; v_to integer; v_cur integer; v_hash text; v_dep text; v_year integer;
     v_existing integer; v_fresh integer; v_fresh_total integer := 0;
     v_heads text[] := '{}'; v_skip integer[] := '{}';
     v_first bigint; v_last bigint; v_ms bigint; v_recorded text;
   BEGIN
     IF (SELECT count(DISTINCT s) FROM unnest(p_streams) s) <> v_n THEN
       RAISE EXCEPTION 'ledger:invalid-content' USING DETAIL = 'a stream appears twice in one bulk append';
     END IF;
     IF to_regclass('pg_temp.ledger_copy_rows') IS NULL THEN
       CREATE TEMP TABLE ledger_copy_batch (recorded_at text NOT NULL, first_position bigint NOT NULL, total integer NOT NULL) ON COMMIT DROP;
       CREATE TEMP TABLE ledger_copy_heads (stream_id text PRIMARY KEY, department text NOT NULL, fiscal_year integer NOT NULL,
         version integer NOT NULL, head_hash text NOT NULL, fresh integer NOT NULL) ON COMMIT DROP;
       CREATE TEMP TABLE ledger_copy_rows (ord integer PRIMARY KEY, stream_id text NOT NULL, version integer NOT NULL,
         event_id text NOT NULL, type text NOT NULL, idempotency_key text NOT NULL, occurred_key text NOT NULL,
         body_hash text NOT NULL, content text NOT NULL, prev_hash text NOT NULL, hash text NOT NULL) ON COMMIT DROP;
       EXECUTE format('GRANT INSERT ON pg_temp.ledger_copy_rows TO %I', session_user);
     ELSIF EXISTS (SELECT 1 FROM ledger_copy_batch) THEN
       RAISE EXCEPTION 'ledger: a bulk append was begun and not committed';
     END IF;
     FOR v_lock IN SELECT DISTINCT hashtext(s) AS h FROM unnest(p_streams) s ORDER BY 1 LOOP
       PERFORM pg_advisory_xact_lock(2, v_lock.h);
     END LOOP;
     FOR i IN 1 .. v_n LOOP
       v_to := v_from + p_counts[i] - 1;
       v_dep := ledger_department_of(p_streams[i]); v_year := ledger_year_of(p_streams[i]);
       SELECT version, head_hash INTO v_cur, v_hash FROM streams
         WHERE department = v_dep AND fiscal_year = v_year AND stream_id = p_streams[i];
       IF NOT FOUND THEN v_cur := 0; v_hash := repeat('0', 64); END IF;
       v_existing := 0;
       FOR v_row IN
         SELECT k.ord, k.bh, e.body_hash FROM unnest(p_keys[v_from:v_to], p_body_hashes[v_from:v_to]) WITH ORDINALITY AS k(key, bh, ord)
         JOIN events e ON e.department = v_dep AND e.fiscal_year = v_year
           AND e.stream_id = p_streams[i] AND e.idempotency_key = k.key
       LOOP
         IF v_row.body_hash <> v_row.bh THEN
           RAISE EXCEPTION 'ledger:event-conflict' USING DETAIL = p_keys[v_from + v_row.ord::integer - 1];
         END IF;
         v_skip := v_skip || (v_from + v_row.ord::integer - 1);
         v_existing := v_existing + 1;
       END LOOP;
       v_fresh := p_counts[i] - v_existing;
       IF v_fresh > 0 AND p_expected[i] >= 0 AND p_expected[i] <> v_cur THEN
         RAISE EXCEPTION 'ledger:version-conflict' USING DETAIL = json_build_object('streamId', p_streams[i], 'actual', v_cur)::text;
       END IF;
       IF v_fresh > 0 THEN PERFORM ledger_ensure_year(v_year); END IF;
       INSERT INTO ledger_copy_heads VALUES (p_streams[i], v_dep, v_year, v_cur, v_hash, v_fresh);
       v_heads := v_heads || json_build_object('version', v_cur, 'hash', v_hash, 'fresh', v_fresh)::text;
       v_fresh_total := v_fresh_total + v_fresh;
       v_from := v_to + 1;
     END LOOP;
     IF v_fresh_total > 0 THEN
       BEGIN
         PERFORM pg_advisory_lock(3, 0);
         PERFORM pg_current_xact_id();
         SELECT min(p), max(p) INTO v_first, v_last FROM (SELECT nextval('events_position_seq') AS p FROM generate_series(1, v_fresh_total)) g;
         SELECT greatest(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint, last_value) INTO v_ms FROM ledger_clock_seq;
         PERFORM setval('ledger_clock_seq', v_ms);
         PERFORM pg_advisory_unlock(3, 0);
       EXCEPTION WHEN OTHERS THEN
         PERFORM pg_advisory_unlock(3, 0);
         RAISE;
       END;
       IF v_last - v_first + 1 <> v_fresh_total THEN
         RAISE EXCEPTION 'ledger: positions % to % are not one range of %', v_first, v_last, v_fresh_total;
       END IF;
       v_recorded := to_char(timestamp 'epoch' + (v_ms / 1000) * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS')
         || '.' || lpad((v_ms % 1000)::text, 3, '0') || 'Z';
     END IF;
     INSERT INTO ledger_copy_batch VALUES (coalesce(v_recorded, ''), coalesce(v_first, 0), v_fresh_total);
     RETURN json_build_object('recordedAt', v_recorded, 'firstPosition', v_first,
       'heads', array_to_json(v_heads::json[]), 'skip', array_to_json(v_skip))::text;
   END $fn$`,
  `CREATE FUNCTION ledger_copy_reject(p_key text) RETURNS text LANGUAGE plpgsql VOLATILE AS $fn$
   BEGIN
     RAISE EXCEPTION 'ledger:invalid-content' USING DETAIL = p_key;
   END $fn$`,
  `CREATE FUNCTION ledger_copy_commit() RETURNS integer LANGUAGE plpgsql SECURITY DEFINER
     SET search_path = public, pg_temp AS $fn$
   DECLARE
     v_batch record; v_count integer;
     v_mark text := '"recordedAt":"' || chr(1) || '"';
   BEGIN
     IF to_regclass('pg_temp.ledger_copy_batch') IS NULL THEN RAISE EXCEPTION 'ledger: no bulk append was begun'; END IF;
     SELECT * INTO v_batch FROM ledger_copy_batch;
     IF NOT FOUND THEN RAISE EXCEPTION 'ledger: no bulk append was begun'; END IF;
     SELECT count(*) INTO v_count FROM ledger_copy_rows;
     IF v_count <> v_batch.total OR EXISTS (
       SELECT 1 FROM ledger_copy_heads h LEFT JOIN (SELECT stream_id, count(*) AS c FROM ledger_copy_rows GROUP BY 1) c USING (stream_id)
       WHERE coalesce(c.c, 0) <> h.fresh) THEN
       RAISE EXCEPTION 'ledger:invalid-content' USING DETAIL = 'the staged rows are not the reserved ones';
     END IF;
     -- One pass: each row's canonical text rebuilt with the reserved instant; a row failing a check
     -- (stream not reserved, placeholder not once, version not next, prevHash not the previous hash,
     -- hash not the SHA-256 of the canonical text) makes ledger_copy_reject raise, and nothing is kept.
     WITH staged AS (
       SELECT r.*, h.department, h.fiscal_year, h.version AS head_version, h.head_hash,
         v_batch.first_position + row_number() OVER (ORDER BY r.ord) - 1 AS pos,
         row_number() OVER w AS n, lag(r.hash) OVER w AS before,
         '{"event":' || replace(r.content, chr(1), v_batch.recorded_at) || ',"prevHash":"' || r.prev_hash
           || '","version":' || r.version || '}' AS canonical
       FROM ledger_copy_rows r LEFT JOIN ledger_copy_heads h USING (stream_id)
       WINDOW w AS (PARTITION BY r.stream_id ORDER BY r.ord)
     ), written AS (
       INSERT INTO events (position, department, fiscal_year, stream_id, version, event_id, type, idempotency_key,
           occurred_key, recorded_at, body_hash, canonical, prev_hash, hash)
       SELECT pos, department, fiscal_year, stream_id, version, event_id, type, idempotency_key, occurred_key,
         v_batch.recorded_at, body_hash, canonical, prev_hash,
         CASE WHEN head_version IS NOT NULL
           AND length(content) - length(replace(content, chr(1), '')) = 1 AND position(v_mark IN content) > 0
           AND version = head_version + n
           AND prev_hash = coalesce(before, head_hash)
           AND hash = encode(sha256(convert_to(canonical, 'UTF8')), 'hex')
         THEN hash ELSE ledger_copy_reject(idempotency_key) END
       FROM staged ORDER BY pos
     )
     INSERT INTO streams AS s (department, fiscal_year, stream_id, version, head_hash, head_position)
       SELECT DISTINCT ON (stream_id) department, fiscal_year, stream_id, version, hash, pos FROM staged ORDER BY stream_id, ord DESC
       ON CONFLICT (department, fiscal_year, stream_id) DO UPDATE
         SET version = excluded.version, head_hash = excluded.head_hash, head_position = excluded.head_position;
     TRUNCATE ledger_copy_rows, ledger_copy_heads, ledger_copy_batch;
     RETURN v_count;
   END $fn$`,
  `REVOKE ALL ON FUNCTION ledger_copy_begin(text[], integer[], integer[], text[], text[]) FROM PUBLIC`,
  `REVOKE ALL ON FUNCTION ledger_copy_commit() FROM PUBLIC`,
  `UPDATE ledger_schema SET version = 5, migrated_at = now() WHERE id = 1`,
]

/** Brings schema version 4 to 5. */
// Migrations must not depend on today's table types (they are frozen), hence Kysely<any>, as Kysely documents.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const up = async (db: Kysely<any>): Promise<void> => {
  for (const statement of statements) await sql.raw(statement).execute(db)
}
