/**
 * Migration 4 (2026-11-30): the event log partitioned by fiscal year. `events` and `streams` become
 * declaratively partitioned tables (`PARTITION BY LIST (fiscal_year)`), one partition per year
 * (`events_y2026`, `streams_y2026`; system and non-budget streams in year 0), created by
 * `ledger_append` the first time a year is written. Both tables gain `department` and
 * `fiscal_year`, derived from the stream id (`"002/2026"`), and every unique key leads with them:
 * the partition key, and the column a distributed PostgreSQL (Citus) would distribute on. Existing
 * rows are copied over unchanged (positions, text, hashes, xids), so every chain and document hash
 * stays what it was. `ledger_detach_year` / `ledger_attach_year` take a closed year's partitions out
 * of the log (to archive them with `pg_dump -t`) and put them back; an archived year refuses
 * appends. `ledger_append` is migration 3's with the two columns added: it keeps SECURITY DEFINER,
 * the database clock and the placeholder check. Frozen once released (a test pins its hash).
 * No `down`, as for the earlier migrations.
 */
import { sql } from "kysely"
import type { Kysely } from "kysely"

const statements: ReadonlyArray<string> = [
  `CREATE FUNCTION ledger_department_of(p_stream text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
     AS $$ SELECT split_part(p_stream, '/', 1) $$`,
  // Budget streams are "<department>/<year>"; anything else (keys, tests) lives in year 0.
  `CREATE FUNCTION ledger_year_of(p_stream text) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE
     AS $$ SELECT CASE WHEN p_stream ~ '^[^/]+/[0-9]{4}$' THEN split_part(p_stream, '/', 2)::integer ELSE 0 END $$`,
  `CREATE TABLE ledger_archived_years (
     fiscal_year integer PRIMARY KEY,
     detached_at timestamptz NOT NULL DEFAULT now(),
     streams integer NOT NULL,
     events bigint NOT NULL,
     last_position bigint
   )`,
  // Old tables step aside under new names; their constraint names are freed for the new ones.
  `ALTER TABLE events RENAME TO events_v3`,
  `ALTER TABLE events_v3 RENAME CONSTRAINT events_pkey TO events_v3_pkey`,
  `ALTER TABLE events_v3 RENAME CONSTRAINT events_stream_version TO events_v3_stream_version`,
  `ALTER TABLE events_v3 RENAME CONSTRAINT events_stream_key TO events_v3_stream_key`,
  `ALTER TABLE streams RENAME TO streams_v3`,
  `ALTER TABLE streams_v3 RENAME CONSTRAINT streams_pkey TO streams_v3_pkey`,
  `CREATE TABLE events (
     position bigint NOT NULL,
     department text NOT NULL,
     fiscal_year integer NOT NULL,
     stream_id text NOT NULL,
     version integer NOT NULL CHECK (version >= 1),
     event_id text NOT NULL,
     type text NOT NULL,
     idempotency_key text NOT NULL,
     occurred_key text NOT NULL,
     recorded_at text NOT NULL,
     body_hash text NOT NULL,
     canonical text NOT NULL,
     prev_hash text NOT NULL,
     hash text NOT NULL,
     transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
     CONSTRAINT events_pkey PRIMARY KEY (department, fiscal_year, position),
     CONSTRAINT events_stream_version UNIQUE (department, fiscal_year, stream_id, version),
     CONSTRAINT events_stream_key UNIQUE (department, fiscal_year, stream_id, idempotency_key)
   ) PARTITION BY LIST (fiscal_year)`,
  // Positions are unique by construction (one sequence); this index serves the global log order.
  `CREATE INDEX events_by_position ON events (position)`,
  `CREATE INDEX events_by_stream ON events (stream_id, version)`,
  `CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
     FOR EACH ROW EXECUTE FUNCTION ledger_forbid_mutation()`,
  `CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
     FOR EACH STATEMENT EXECUTE FUNCTION ledger_forbid_mutation()`,
  `CREATE TABLE streams (
     department text NOT NULL,
     fiscal_year integer NOT NULL,
     stream_id text NOT NULL,
     version integer NOT NULL,
     head_hash text NOT NULL,
     head_position bigint NOT NULL,
     CONSTRAINT streams_pkey PRIMARY KEY (department, fiscal_year, stream_id)
   ) PARTITION BY LIST (fiscal_year)`,
  `CREATE INDEX streams_by_id ON streams (stream_id)`,
  // A year's partitions, made on first use. Statement triggers are not inherited, so each events
  // partition gets its own TRUNCATE guard. The advisory lock makes concurrent first appends of a
  // year create it once.
  `CREATE FUNCTION ledger_ensure_year(p_year integer) RETURNS void LANGUAGE plpgsql
     SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
   DECLARE
     v_suffix text := lpad(p_year::text, 4, '0');
   BEGIN
     IF EXISTS (SELECT 1 FROM ledger_archived_years WHERE fiscal_year = p_year) THEN
       RAISE EXCEPTION 'ledger:year-archived' USING DETAIL = p_year::text;
     END IF;
     IF to_regclass('events_y' || v_suffix) IS NOT NULL AND to_regclass('streams_y' || v_suffix) IS NOT NULL THEN
       RETURN;
     END IF;
     PERFORM pg_advisory_xact_lock(4, p_year);
     IF to_regclass('events_y' || v_suffix) IS NULL THEN
       EXECUTE format('CREATE TABLE %I PARTITION OF events FOR VALUES IN (%s)', 'events_y' || v_suffix, p_year);
       EXECUTE format('CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION ledger_forbid_mutation()', 'events_y' || v_suffix);
     END IF;
     IF to_regclass('streams_y' || v_suffix) IS NULL THEN
       EXECUTE format('CREATE TABLE %I PARTITION OF streams FOR VALUES IN (%s)', 'streams_y' || v_suffix, p_year);
     END IF;
   END $fn$`,
  `SELECT ledger_ensure_year(0)`,
  `SELECT ledger_ensure_year(y) FROM (
     SELECT DISTINCT ledger_year_of(stream_id) AS y FROM events_v3
     UNION SELECT ledger_year_of(stream_id) FROM streams_v3) years`,
  `INSERT INTO events (position, department, fiscal_year, stream_id, version, event_id, type, idempotency_key,
       occurred_key, recorded_at, body_hash, canonical, prev_hash, hash, transaction_id)
     SELECT position, ledger_department_of(stream_id), ledger_year_of(stream_id), stream_id, version, event_id, type,
       idempotency_key, occurred_key, recorded_at, body_hash, canonical, prev_hash, hash, transaction_id
     FROM events_v3 ORDER BY position`,
  `INSERT INTO streams (department, fiscal_year, stream_id, version, head_hash, head_position)
     SELECT ledger_department_of(stream_id), ledger_year_of(stream_id), stream_id, version, head_hash, head_position
     FROM streams_v3`,
  `DROP TABLE events_v3`,
  `DROP TABLE streams_v3`,
  `CREATE OR REPLACE FUNCTION ledger_append(
     p_key text, p_request_hash text, p_recorded_at text,
     p_streams text[], p_expected integer[], p_counts integer[], p_dups integer[],
     p_event_ids text[], p_types text[], p_keys text[], p_occurred text[], p_body_hashes text[], p_contents text[]
   ) RETURNS text LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
   DECLARE
     v_prior append_requests%ROWTYPE;
     v_lock record;
     v_n integer := coalesce(array_length(p_streams, 1), 0);
     v_total integer := coalesce(array_length(p_keys, 1), 0);
     v_skip boolean[] := array_fill(false, ARRAY[greatest(v_total, 1)]);
     v_current integer[] := '{}';
     v_head text[] := '{}';
     v_fresh integer[] := '{}';
     v_fresh_total integer := 0;
     v_from integer; v_to integer; v_cur integer; v_existing integer;
     v_row record;
     v_positions bigint[];
     v_pos bigint[] := '{}'; v_sid text[] := '{}'; v_ver integer[] := '{}';
     v_canon text[] := '{}'; v_prev text[] := '{}'; v_hash text[] := '{}';
     v_eid text[] := '{}'; v_type text[] := '{}'; v_ekey text[] := '{}'; v_occ text[] := '{}'; v_bh text[] := '{}';
     v_prevhash text; v_c text; v_j integer := 0; v_k integer;
     v_streams_json text[] := '{}';
     v_dep text[] := '{}'; v_year integer[] := '{}';
     v_ms bigint; v_recorded text; v_mark text := '"recordedAt":"' || chr(1) || '"';
     v_result text;
   BEGIN
     PERFORM pg_advisory_xact_lock(1, hashtext(p_key));
     SELECT * INTO v_prior FROM append_requests WHERE idempotency_key = p_key;
     IF FOUND THEN
       IF v_prior.request_hash = p_request_hash THEN RETURN v_prior.result; END IF;
       RAISE EXCEPTION 'ledger:idempotency-conflict' USING DETAIL = p_key;
     END IF;
     FOR v_lock IN SELECT DISTINCT hashtext(s) AS h FROM unnest(p_streams) s ORDER BY 1 LOOP
       PERFORM pg_advisory_xact_lock(2, v_lock.h);
     END LOOP;
     v_from := 1;
     FOR i IN 1 .. v_n LOOP
       v_to := v_from + p_counts[i] - 1;
       v_dep[i] := ledger_department_of(p_streams[i]); v_year[i] := ledger_year_of(p_streams[i]);
       SELECT version, head_hash INTO v_cur, v_prevhash FROM streams
         WHERE department = v_dep[i] AND fiscal_year = v_year[i] AND stream_id = p_streams[i];
       IF NOT FOUND THEN v_cur := 0; v_prevhash := repeat('0', 64); END IF;
       v_current[i] := v_cur; v_head[i] := v_prevhash;
       v_existing := 0;
       FOR v_row IN
         SELECT k.ord, k.bh, e.body_hash FROM unnest(p_keys[v_from:v_to], p_body_hashes[v_from:v_to]) WITH ORDINALITY AS k(key, bh, ord)
         JOIN events e ON e.department = v_dep[i] AND e.fiscal_year = v_year[i]
           AND e.stream_id = p_streams[i] AND e.idempotency_key = k.key
       LOOP
         IF v_row.body_hash <> v_row.bh THEN
           RAISE EXCEPTION 'ledger:event-conflict' USING DETAIL = p_keys[v_from + v_row.ord::integer - 1];
         END IF;
         v_skip[v_from + v_row.ord::integer - 1] := true;
         v_existing := v_existing + 1;
       END LOOP;
       v_fresh[i] := p_counts[i] - v_existing;
       IF v_fresh[i] > 0 AND p_expected[i] >= 0 AND p_expected[i] <> v_cur THEN
         RAISE EXCEPTION 'ledger:version-conflict' USING DETAIL = json_build_object('streamId', p_streams[i], 'actual', v_cur)::text;
       END IF;
       v_fresh_total := v_fresh_total + v_fresh[i];
       IF v_fresh[i] > 0 THEN PERFORM ledger_ensure_year(v_year[i]); END IF;
       v_from := v_to + 1;
     END LOOP;
     IF v_fresh_total > 0 THEN
       BEGIN
         PERFORM pg_advisory_lock(3, 0);
         PERFORM pg_current_xact_id();
         SELECT array_agg(p ORDER BY p) INTO v_positions FROM (SELECT nextval('events_position_seq') AS p FROM generate_series(1, v_fresh_total)) g;
         SELECT greatest(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint, last_value) INTO v_ms FROM ledger_clock_seq;
         PERFORM setval('ledger_clock_seq', v_ms);
         PERFORM pg_advisory_unlock(3, 0);
       EXCEPTION WHEN OTHERS THEN
         PERFORM pg_advisory_unlock(3, 0);
         RAISE;
       END;
       v_recorded := to_char(timestamp 'epoch' + (v_ms / 1000) * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS')
         || '.' || lpad((v_ms % 1000)::text, 3, '0') || 'Z';
     END IF;
     v_from := 1;
     FOR i IN 1 .. v_n LOOP
       v_to := v_from + p_counts[i] - 1;
       v_prevhash := v_head[i];
       v_cur := v_current[i];
       FOR k IN v_from .. v_to LOOP
         CONTINUE WHEN v_skip[k];
         v_j := v_j + 1;
         v_cur := v_cur + 1;
         IF length(p_contents[k]) - length(replace(p_contents[k], chr(1), '')) <> 1 OR position(v_mark IN p_contents[k]) = 0 THEN
           RAISE EXCEPTION 'ledger:invalid-content' USING DETAIL = p_keys[k];
         END IF;
         v_c := '{"event":' || replace(p_contents[k], chr(1), v_recorded) || ',"prevHash":"' || v_prevhash || '","version":' || v_cur || '}';
         v_pos[v_j] := v_positions[v_j]; v_sid[v_j] := p_streams[i]; v_ver[v_j] := v_cur;
         v_eid[v_j] := p_event_ids[k]; v_type[v_j] := p_types[k]; v_ekey[v_j] := p_keys[k];
         v_occ[v_j] := p_occurred[k]; v_bh[v_j] := p_body_hashes[k];
         v_canon[v_j] := v_c; v_prev[v_j] := v_prevhash;
         v_prevhash := encode(sha256(convert_to(v_c, 'UTF8')), 'hex');
         v_hash[v_j] := v_prevhash;
       END LOOP;
       IF v_fresh[i] > 0 THEN
         INSERT INTO streams AS s (department, fiscal_year, stream_id, version, head_hash, head_position)
           VALUES (v_dep[i], v_year[i], p_streams[i], v_cur, v_prevhash, v_pos[v_j])
           ON CONFLICT (department, fiscal_year, stream_id) DO UPDATE SET version = excluded.version, head_hash = excluded.head_hash, head_position = excluded.head_position;
       END IF;
       v_streams_json[i] := json_build_object('streamId', p_streams[i], 'fromVersion', v_current[i] + 1, 'toVersion', v_cur,
         'appended', v_fresh[i], 'skipped', p_counts[i] - v_fresh[i] + p_dups[i])::text;
       v_from := v_to + 1;
     END LOOP;
     IF v_j > 0 THEN
       INSERT INTO events (position, department, fiscal_year, stream_id, version, event_id, type, idempotency_key, occurred_key, recorded_at, body_hash, canonical, prev_hash, hash)
       SELECT t.pos, ledger_department_of(t.sid), ledger_year_of(t.sid), t.sid, t.ver, t.eid, t.type, t.ekey, t.occ, v_recorded, t.bh, t.canon, t.prev, t.hash
       FROM unnest(v_pos, v_sid, v_ver, v_eid, v_type, v_ekey, v_occ, v_bh, v_canon, v_prev, v_hash)
         AS t(pos, sid, ver, eid, type, ekey, occ, bh, canon, prev, hash);
     END IF;
     v_result := '{"streams":[' || array_to_string(v_streams_json, ',') || '],"positions":'
       || coalesce(array_to_json(v_pos)::text, '[]')
       || ',"firstPosition":' || coalesce(v_pos[1]::text, 'null')
       || ',"lastPosition":' || coalesce(v_pos[v_j]::text, 'null') || '}';
     INSERT INTO append_requests (idempotency_key, request_hash, result) VALUES (p_key, p_request_hash, v_result);
     RETURN v_result;
   END $fn$`,
  `REVOKE ALL ON FUNCTION ledger_append(text, text, text, text[], integer[], integer[], integer[], text[], text[], text[], text[], text[], text[]) FROM PUBLIC`,
  `REVOKE ALL ON FUNCTION ledger_ensure_year(integer) FROM PUBLIC`,
  // Archiving a closed year: detach both partitions (they stay as plain tables to dump and drop),
  // remember what they held; attaching puts them back and reopens nothing else. Owner only.
  `CREATE FUNCTION ledger_detach_year(p_year integer) RETURNS text LANGUAGE plpgsql AS $fn$
   DECLARE
     v_suffix text := lpad(p_year::text, 4, '0');
     v_streams integer; v_events bigint; v_last bigint;
   BEGIN
     IF p_year = 0 THEN RAISE EXCEPTION 'ledger: year 0 holds the system streams and is never archived'; END IF;
     IF to_regclass('events_y' || v_suffix) IS NULL THEN RAISE EXCEPTION 'ledger: no partition for year %', p_year; END IF;
     SELECT count(*) INTO v_streams FROM streams WHERE fiscal_year = p_year;
     SELECT count(*), max(position) INTO v_events, v_last FROM events WHERE fiscal_year = p_year;
     EXECUTE format('ALTER TABLE events DETACH PARTITION %I', 'events_y' || v_suffix);
     EXECUTE format('ALTER TABLE streams DETACH PARTITION %I', 'streams_y' || v_suffix);
     INSERT INTO ledger_archived_years (fiscal_year, streams, events, last_position) VALUES (p_year, v_streams, v_events, v_last);
     RETURN 'events_y' || v_suffix || ' streams_y' || v_suffix;
   END $fn$`,
  `CREATE FUNCTION ledger_attach_year(p_year integer) RETURNS void LANGUAGE plpgsql AS $fn$
   DECLARE
     v_suffix text := lpad(p_year::text, 4, '0');
   BEGIN
     EXECUTE format('ALTER TABLE events ATTACH PARTITION %I FOR VALUES IN (%s)', 'events_y' || v_suffix, p_year);
     EXECUTE format('ALTER TABLE streams ATTACH PARTITION %I FOR VALUES IN (%s)', 'streams_y' || v_suffix, p_year);
     DELETE FROM ledger_archived_years WHERE fiscal_year = p_year;
   END $fn$`,
  `REVOKE ALL ON FUNCTION ledger_detach_year(integer) FROM PUBLIC`,
  `REVOKE ALL ON FUNCTION ledger_attach_year(integer) FROM PUBLIC`,
  `UPDATE ledger_schema SET version = 4, migrated_at = now() WHERE id = 1`,
]

/** Brings schema version 3 to 4. */
// Migrations must not depend on today's table types (they are frozen), hence Kysely<any>, as Kysely documents.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const up = async (db: Kysely<any>): Promise<void> => {
  for (const statement of statements) await sql.raw(statement).execute(db)
}
