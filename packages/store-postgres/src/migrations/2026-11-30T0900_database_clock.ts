/**
 * Migration 3 (2026-11-30): the database clock. `recordedAt` is assigned inside `ledger_append`
 * from the server's clock, taken under the global allocation lock and never below the last value
 * handed out (kept in the sequence `ledger_clock_seq`, which no rollback undoes), so it never
 * decreases along the log however the writers' clocks are set. The writer sends each event's
 * content with the `recordedAt` member's value as one raw U+0001 character — which canonical JSON
 * can never contain, since it escapes control characters — and the function puts the time there;
 * `p_recorded_at` is ignored (kept so the signature is unchanged). The function is SECURITY
 * DEFINER (owned by the schema owner), so the application role needs only EXECUTE on it and no
 * privilege on `events`, `streams` or `append_requests` beyond SELECT (`grants.ts`); EXECUTE is
 * no longer granted to PUBLIC. `ledger_schema.clock_from_position` records the last position
 * allocated before this migration: `verify` checks that `recordedAt` never decreases after it. A later migration that redefines `ledger_append` must keep
 * `SECURITY DEFINER SET search_path = public, pg_temp`, the clock and the placeholder check.
 * Frozen once released (a test pins its hash). No `down`, as for migrations 1 and 2.
 */
import { sql } from "kysely"
import type { Kysely } from "kysely"

const statements: ReadonlyArray<string> = [
  `CREATE SEQUENCE ledger_clock_seq AS bigint MINVALUE 0 START 0`,
  // Events up to here were stamped by writers' clocks; verify checks the clock only after them.
  `ALTER TABLE ledger_schema ADD COLUMN clock_from_position bigint NOT NULL DEFAULT 0`,
  `UPDATE ledger_schema SET clock_from_position = (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM events_position_seq) WHERE id = 1`,
  // Same lock order as migrations 1 and 2; the clock is read under the global allocation lock, so
  // recordedAt follows position order.
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
       SELECT version, head_hash INTO v_cur, v_prevhash FROM streams WHERE stream_id = p_streams[i];
       IF NOT FOUND THEN v_cur := 0; v_prevhash := repeat('0', 64); END IF;
       v_current[i] := v_cur; v_head[i] := v_prevhash;
       v_existing := 0;
       FOR v_row IN
         SELECT k.ord, k.bh, e.body_hash FROM unnest(p_keys[v_from:v_to], p_body_hashes[v_from:v_to]) WITH ORDINALITY AS k(key, bh, ord)
         JOIN events e ON e.stream_id = p_streams[i] AND e.idempotency_key = k.key
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
         INSERT INTO streams AS s (stream_id, version, head_hash, head_position)
           VALUES (p_streams[i], v_cur, v_prevhash, v_pos[v_j])
           ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version, head_hash = excluded.head_hash, head_position = excluded.head_position;
       END IF;
       v_streams_json[i] := json_build_object('streamId', p_streams[i], 'fromVersion', v_current[i] + 1, 'toVersion', v_cur,
         'appended', v_fresh[i], 'skipped', p_counts[i] - v_fresh[i] + p_dups[i])::text;
       v_from := v_to + 1;
     END LOOP;
     IF v_j > 0 THEN
       INSERT INTO events (position, stream_id, version, event_id, type, idempotency_key, occurred_key, recorded_at, body_hash, canonical, prev_hash, hash)
       SELECT t.pos, t.sid, t.ver, t.eid, t.type, t.ekey, t.occ, v_recorded, t.bh, t.canon, t.prev, t.hash
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
  `UPDATE ledger_schema SET version = 3, migrated_at = now() WHERE id = 1`,
]

/** Brings schema version 2 to 3. */
// Migrations must not depend on today's table types (they are frozen), hence Kysely<any>, as Kysely documents.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const up = async (db: Kysely<any>): Promise<void> => {
  for (const statement of statements) await sql.raw(statement).execute(db)
}
