/**
 * Migration 6 (2026-12-01): one row per append. `ledger_append` no longer writes an
 * `append_requests` row per call (≈ 420 WAL bytes of a ≈ 2 KB single-event append): the first
 * event row a call writes carries the call's idempotency key and request hash (`request_key`,
 * `request_hash`, NULL on every other row, found through a partial index), and a replay rebuilds
 * the result from the stored events — each stream's events with the request's keys at or after that
 * row's position are the ones it appended, the rest were skipped, and a stream it appended nothing
 * to was at its last version before that position (streams are locked while a call runs and
 * positions are handed out in lock order). `append_requests` is still read first, so requests made
 * before this migration replay as they did, and it still gets a row for a call that appends no
 * event at all (nothing else would remember it). The events keys are reordered so that no extra
 * index is needed: the primary key leads with `position` (the global read order, which
 * `events_by_position` served) and the stream-version key with `stream_id` (`readStream`, which
 * `events_by_stream` served); both keep the same columns, so the same rows are unique. Five index
 * entries per event become three, plus one per call. The streams head is an UPDATE (or an INSERT
 * for a new stream) instead of an upsert, which also locked the row (one more WAL record). The
 * idempotency lookup probes the events key once per event key instead of joining, in a statement
 * planned for its stream on every call (a generic plan, cached while a year's partition was new,
 * probed the stream-version key and read the whole stream per key), a stream that has a head skips
 * `ledger_ensure_year`, and the function's other statements keep one generic plan (custom plans were
 * re-planned on every call over the partitioned tables). The
 * rest of `ledger_append` is migration 4's: SECURITY DEFINER, the database clock, the placeholder
 * check, department and fiscal year, `ledger_ensure_year`, lock order, result text, errors.
 * `ledger_attach_year` brings a year detached before this migration to the new shape. Frozen once
 * released (a test pins its hash). No `down`, as for the earlier migrations.
 */
import { sql } from "kysely"
import type { Kysely } from "kysely"

const statements: ReadonlyArray<string> = [
  `ALTER TABLE events ADD COLUMN request_key text, ADD COLUMN request_hash text`,
  `ALTER TABLE events DROP CONSTRAINT events_pkey`,
  `ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY (position, fiscal_year, department)`,
  `DROP INDEX events_by_position`,
  `ALTER TABLE events DROP CONSTRAINT events_stream_version`,
  `ALTER TABLE events ADD CONSTRAINT events_stream_version UNIQUE (stream_id, version, fiscal_year, department)`,
  `DROP INDEX events_by_stream`,
  `CREATE INDEX events_by_request ON events (request_key) WHERE request_key IS NOT NULL`,
  `CREATE OR REPLACE FUNCTION ledger_append(
     p_key text, p_request_hash text, p_recorded_at text,
     p_streams text[], p_expected integer[], p_counts integer[], p_dups integer[],
     p_event_ids text[], p_types text[], p_keys text[], p_occurred text[], p_body_hashes text[], p_contents text[]
   ) RETURNS text LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
     SET plan_cache_mode = force_generic_plan AS $fn$
   DECLARE
     v_prior append_requests%ROWTYPE;
     v_first record;
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
     SELECT position, request_hash INTO v_first FROM events WHERE request_key = p_key;
     IF FOUND THEN
       IF v_first.request_hash <> p_request_hash THEN
         RAISE EXCEPTION 'ledger:idempotency-conflict' USING DETAIL = p_key;
       END IF;
       -- The same request again: its result, rebuilt from the events it wrote.
       v_from := 1;
       FOR i IN 1 .. v_n LOOP
         v_to := v_from + p_counts[i] - 1;
         v_dep[i] := ledger_department_of(p_streams[i]); v_year[i] := ledger_year_of(p_streams[i]);
         -- Planned per call, as the probe below (a cached generic plan may read the whole stream per key).
         EXECUTE 'SELECT coalesce(array_agg(e.position ORDER BY e.position), ''{}''), min(e.version)
           FROM unnest($1) AS k(key)
           CROSS JOIN LATERAL (SELECT x.position, x.version FROM events x WHERE x.department = $2
             AND x.fiscal_year = $3 AND x.stream_id = $4 AND x.idempotency_key = k.key OFFSET 0) e
           WHERE e.position >= $5'
           INTO v_positions, v_cur
           USING p_keys[v_from:v_to], v_dep[i], v_year[i], p_streams[i], v_first.position;
         v_existing := coalesce(array_length(v_positions, 1), 0);
         IF v_existing > 0 THEN
           v_cur := v_cur - 1;
         ELSE
           SELECT coalesce(max(version), 0) INTO v_cur FROM events
             WHERE department = v_dep[i] AND fiscal_year = v_year[i] AND stream_id = p_streams[i]
               AND position < v_first.position;
         END IF;
         v_pos := v_pos || v_positions;
         v_streams_json[i] := json_build_object('streamId', p_streams[i], 'fromVersion', v_cur + 1, 'toVersion', v_cur + v_existing,
           'appended', v_existing, 'skipped', p_counts[i] - v_existing + p_dups[i])::text;
         v_from := v_to + 1;
       END LOOP;
       v_j := coalesce(array_length(v_pos, 1), 0);
       RETURN '{"streams":[' || array_to_string(v_streams_json, ',') || '],"positions":'
         || coalesce(array_to_json(v_pos)::text, '[]')
         || ',"firstPosition":' || coalesce(v_pos[1]::text, 'null')
         || ',"lastPosition":' || coalesce(v_pos[v_j]::text, 'null') || '}';
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
       -- One probe of the (department, fiscal_year, stream_id, idempotency_key) key per event key
       -- (LATERAL, OFFSET 0 keeps it from being flattened), planned for this stream on every call
       -- (EXECUTE): a plan cached while the year's partition was new and empty probed the
       -- stream-version key instead and read the whole stream for every key, a cost growing with
       -- the stream. A stream with no head has no events to find.
       FOR v_row IN EXECUTE
         'SELECT k.ord, k.bh, e.body_hash FROM unnest($1, $2) WITH ORDINALITY AS k(key, bh, ord)
          CROSS JOIN LATERAL (SELECT x.body_hash FROM events x WHERE x.department = $3 AND x.fiscal_year = $4
            AND x.stream_id = $5 AND x.idempotency_key = k.key OFFSET 0) e
          WHERE $6 > 0'
         USING p_keys[v_from:v_to], p_body_hashes[v_from:v_to], v_dep[i], v_year[i], p_streams[i], v_cur
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
       -- A stream with a head lives in an attached year (an archived year's heads are detached).
       IF v_fresh[i] > 0 AND v_cur = 0 THEN PERFORM ledger_ensure_year(v_year[i]); END IF;
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
       IF v_fresh[i] > 0 AND v_current[i] > 0 THEN
         UPDATE streams SET version = v_cur, head_hash = v_prevhash, head_position = v_pos[v_j]
           WHERE department = v_dep[i] AND fiscal_year = v_year[i] AND stream_id = p_streams[i];
       ELSIF v_fresh[i] > 0 THEN
         INSERT INTO streams (department, fiscal_year, stream_id, version, head_hash, head_position)
           VALUES (v_dep[i], v_year[i], p_streams[i], v_cur, v_prevhash, v_pos[v_j]);
       END IF;
       v_streams_json[i] := json_build_object('streamId', p_streams[i], 'fromVersion', v_current[i] + 1, 'toVersion', v_cur,
         'appended', v_fresh[i], 'skipped', p_counts[i] - v_fresh[i] + p_dups[i])::text;
       v_from := v_to + 1;
     END LOOP;
     v_result := '{"streams":[' || array_to_string(v_streams_json, ',') || '],"positions":'
       || coalesce(array_to_json(v_pos)::text, '[]')
       || ',"firstPosition":' || coalesce(v_pos[1]::text, 'null')
       || ',"lastPosition":' || coalesce(v_pos[v_j]::text, 'null') || '}';
     IF v_j > 0 THEN
       INSERT INTO events (position, department, fiscal_year, stream_id, version, event_id, type, idempotency_key, occurred_key,
           recorded_at, body_hash, canonical, prev_hash, hash, request_key, request_hash)
       SELECT t.pos, ledger_department_of(t.sid), ledger_year_of(t.sid), t.sid, t.ver, t.eid, t.type, t.ekey, t.occ, v_recorded, t.bh, t.canon, t.prev, t.hash,
         CASE WHEN t.n = 1 THEN p_key END, CASE WHEN t.n = 1 THEN p_request_hash END
       FROM unnest(v_pos, v_sid, v_ver, v_eid, v_type, v_ekey, v_occ, v_bh, v_canon, v_prev, v_hash)
           WITH ORDINALITY AS t(pos, sid, ver, eid, type, ekey, occ, bh, canon, prev, hash, n);
     ELSE
       INSERT INTO append_requests (idempotency_key, request_hash, result) VALUES (p_key, p_request_hash, v_result);
     END IF;
     RETURN v_result;
   END $fn$`,
  `REVOKE ALL ON FUNCTION ledger_append(text, text, text, text[], integer[], integer[], integer[], text[], text[], text[], text[], text[], text[]) FROM PUBLIC`,
  // A year detached before this migration has neither the request columns nor the reordered keys:
  // it gets the columns, and its keys and indexes are dropped so that ATTACH builds the parent's.
  `CREATE OR REPLACE FUNCTION ledger_attach_year(p_year integer) RETURNS void LANGUAGE plpgsql AS $fn$
   DECLARE
     v_suffix text := lpad(p_year::text, 4, '0');
     v_events text := 'events_y' || lpad(p_year::text, 4, '0');
     v_old record;
   BEGIN
     IF to_regclass(v_events) IS NOT NULL AND NOT EXISTS (
       SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass(v_events) AND attname = 'request_key' AND NOT attisdropped) THEN
       EXECUTE format('ALTER TABLE %I ADD COLUMN request_key text, ADD COLUMN request_hash text', v_events);
       FOR v_old IN SELECT conname FROM pg_constraint WHERE conrelid = to_regclass(v_events) AND contype IN ('p', 'u') LOOP
         EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', v_events, v_old.conname);
       END LOOP;
       FOR v_old IN SELECT indexrelid::regclass::text AS name FROM pg_index WHERE indrelid = to_regclass(v_events) LOOP
         EXECUTE 'DROP INDEX ' || v_old.name;
       END LOOP;
     END IF;
     EXECUTE format('ALTER TABLE events ATTACH PARTITION %I FOR VALUES IN (%s)', v_events, p_year);
     EXECUTE format('ALTER TABLE streams ATTACH PARTITION %I FOR VALUES IN (%s)', 'streams_y' || v_suffix, p_year);
     DELETE FROM ledger_archived_years WHERE fiscal_year = p_year;
   END $fn$`,
  `REVOKE ALL ON FUNCTION ledger_attach_year(integer) FROM PUBLIC`,
  `UPDATE ledger_schema SET version = 6, migrated_at = now() WHERE id = 1`,
]

/** Brings schema version 5 to 6. */
// Migrations must not depend on today's table types (they are frozen), hence Kysely<any>, as Kysely documents.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const up = async (db: Kysely<any>): Promise<void> => {
  for (const statement of statements) await sql.raw(statement).execute(db)
}
