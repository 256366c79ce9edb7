/**
 * Tamper tests shared by the PGlite and PostgreSQL runs: with the guard trigger disabled, edit
 * the events table directly (as an attacker with owner access would) and check that `verify`
 * names the first bad position and why.
 */
import { sql } from "kysely"
import type { Kysely } from "kysely"
import type { Database } from "../database.ts"
import { describe, expect, it } from "vitest"
import { canonicalize, chainCanonical, Expected, sha256Hex } from "@ledger/eventstore"
import type { EventStoreShape } from "@ledger/eventstore"
import { events, freshKey, freshStream, request, run, runError } from "@ledger/eventstore/testing"

/** One tamper case's view of a database: a single connection inside an open transaction that `done` rolls back. */
export interface TamperSetup {
  readonly db: Kysely<Database>
  readonly store: EventStoreShape
  readonly done: () => Promise<void>
}

const seed = async (store: EventStoreShape) => {
  const other = freshStream("other")
  const target = freshStream("target")
  await run(store.append(request(other, Expected.noStream, events(1)), { idempotencyKey: freshKey() }))
  const r = await run(
    store.append(request(target, Expected.noStream, events(4)), { idempotencyKey: freshKey() }),
  )
  await run(store.append(request(other, Expected.exact(1), events(1, 2)), { idempotencyKey: freshKey() }))
  const [p1, p2, p3, p4] = r.positions as [number, number, number, number]
  return { target, p1, p2, p3, p4 }
}

const unguarded = async (db: Kysely<Database>, edit: () => Promise<unknown>) => {
  await sql`alter table events disable trigger user`.execute(db)
  await edit()
  await sql`alter table events enable trigger user`.execute(db)
}

/** Registers the tamper cases; `setup` gives each case its own isolated database state. */
export const runTamperCases = (name: string, setup: () => Promise<TamperSetup>): void => {
  describe(`tamper evidence: ${name}`, () => {
    const withSetup = (f: (s: TamperSetup) => Promise<void>) => async () => {
      const s = await setup()
      try {
        await f(s)
      } finally {
        await s.done()
      }
    }

    it(
      "refuses UPDATE, DELETE and TRUNCATE of events while the guard is on",
      withSetup(async ({ db, store }) => {
        const { p2 } = await seed(store)
        const refused = async (statement: ReturnType<typeof sql>) => {
          await sql`savepoint guard`.execute(db)
          await expect(statement.execute(db)).rejects.toThrow(/append-only/)
          await sql`rollback to savepoint guard`.execute(db)
        }
        await refused(sql`update events set type = 'x' where position = ${p2}`)
        await refused(sql`delete from events where position = ${p2}`)
        await refused(sql`truncate events`)
        expect(await run(store.verify())).toMatchObject({ ok: true })
      }),
    )

    it(
      "names a modified payload",
      withSetup(async ({ db, store }) => {
        const { target, p2 } = await seed(store)
        await unguarded(db, () =>
          sql`update events set canonical = replace(canonical, '"amount":"2.00"', '"amount":"9.00"') where position = ${p2}`.execute(
            db,
          ),
        )
        expect(await run(store.verify())).toMatchObject({
          ok: false,
          streamId: target,
          position: p2,
          version: 2,
          reason: "payload-modified",
        })
      }),
    )

    it(
      "a row whose stored text is not JSON fails reads as broken history, not an unavailable store",
      withSetup(async ({ db, store }) => {
        const { target, p2 } = await seed(store)
        await unguarded(db, () =>
          sql`update events set canonical = left(canonical, 20) where position = ${p2}`.execute(db),
        )
        const integrity = { _tag: "LedgerIntegrity", position: p2, reason: "payload-modified" }
        // (readAll does not see this case's rows: they are not committed; memory-store.test.ts reads all.)
        expect(await runError(store.readStream(target))).toMatchObject(integrity)
        expect(await run(store.verify())).toMatchObject({
          ok: false,
          streamId: target,
          position: p2,
          reason: "payload-modified",
        })
      }),
    )

    it(
      "names a deleted event",
      withSetup(async ({ db, store }) => {
        const { target, p2, p3 } = await seed(store)
        await unguarded(db, () => sql`delete from events where position = ${p2}`.execute(db))
        expect(await run(store.verify())).toMatchObject({
          ok: false,
          streamId: target,
          position: p3,
          reason: "event-deleted",
        })
      }),
    )

    it(
      "names a reordered pair",
      withSetup(async ({ db, store }) => {
        const { target, p2, p3 } = await seed(store)
        await unguarded(db, async () => {
          await sql`update events set position = -position where position in (${p2}, ${p3})`.execute(db)
          await sql`update events set position = case when position = ${-p2} then ${p3}::bigint else ${p2}::bigint end where position in (${-p2}, ${-p3})`.execute(
            db,
          )
        })
        expect(await run(store.verify())).toMatchObject({
          ok: false,
          streamId: target,
          position: p2,
          version: 3,
          reason: "reordered",
        })
      }),
    )

    it(
      "names an inserted event, even one whose hash is chained correctly",
      withSetup(async ({ db, store }) => {
        const { target, p4 } = await seed(store)
        const stored = await run(store.readStream(target))
        const last = stored.at(-1)
        const first = stored[0]
        if (!last || !first) throw new Error("seed failed")
        const content = JSON.stringify((JSON.parse(first.canonical) as { event: unknown }).event)
          .replace('"1.00"', '"7.00"')
          .replace('"idempotencyKey":"idem-1"', '"idempotencyKey":"forged"')
        const canonical = chainCanonical(content, last.hash, 5)
        const forged = p4 + 1_000_000
        await unguarded(db, () =>
          sql`insert into events (position, department, fiscal_year, stream_id, version, event_id, type, idempotency_key, occurred_key, recorded_at, body_hash, canonical, prev_hash, hash)
              select ${forged}, department, fiscal_year, stream_id, 5, event_id, type, 'forged', occurred_key, recorded_at, body_hash, ${canonical}, ${last.hash}, ${sha256Hex(canonical)}
              from events where position = ${first.position}`.execute(db),
        )
        expect(await run(store.verify())).toMatchObject({
          ok: false,
          streamId: target,
          position: forged,
          reason: "inserted",
        })
      }),
    )

    it(
      "names a back-dated event even when its chain and head were rebuilt to match",
      withSetup(async ({ db, store }) => {
        const { target, p4 } = await seed(store)
        const last = (await run(store.readStream(target))).at(-1)
        if (!last) throw new Error("seed failed")
        const parsed = JSON.parse(last.canonical) as { event: Record<string, unknown> }
        const recordedAt = "2000-01-01T00:00:00.000Z"
        const canonical = canonicalize({ ...parsed, event: { ...parsed.event, recordedAt } })
        const hash = sha256Hex(canonical)
        await unguarded(db, async () => {
          await sql`update events set canonical = ${canonical}, hash = ${hash}, recorded_at = ${recordedAt} where position = ${p4}`.execute(
            db,
          )
          await sql`update streams set head_hash = ${hash} where stream_id = ${target}`.execute(db)
        })
        expect(await run(store.verify())).toMatchObject({
          ok: false,
          streamId: target,
          position: p4,
          reason: "recorded-at-decreased",
        })
      }),
    )
  })
}
