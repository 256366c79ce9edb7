/**
 * Upgrading to the partitioned log (schema 4) keeps history exactly: a store at schema 3 holding the
 * reference department is migrated forward, and `verify`, every stream head and every document
 * hash (current and as published) are unchanged. A closed year is then detached (its streams leave
 * the log, appends to it are refused, `verify` passes on the rest) and attached again, after which
 * `verify` passes over everything and the year's documents hash as before.
 */
import { Effect, Exit } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Envelope } from "@ledger/domain"
import { Expected } from "@ledger/eventstore"
import type { EventStoreShape } from "@ledger/eventstore"
import { events, freshKey, request } from "@ledger/eventstore/testing"
import { AsOf } from "@ledger/projections"
import { fixtureText } from "@ledger/projections/testing"
import { makeLedgerService } from "@ledger/service"
import {
  archivedYears,
  attachYear,
  detachYear,
  KNOWN_SCHEMA_VERSION,
  makeKyselyEventStore,
  migrate,
  openPglite,
  schemaVersion,
} from "@ledger/store-postgres"

const run = <A, E>(effect: Effect.Effect<A, E>): Promise<A> => Effect.runPromise(effect)

type Opened = Effect.Success<ReturnType<typeof openPglite>>
let opened: Opened
let store: EventStoreShape

/** Every department-year's documents (current and, when published, as published) by stream. */
const documentHashes = async (): Promise<Record<string, ReadonlyArray<string>>> => {
  const service = makeLedgerService(store)
  const out: Record<string, ReadonlyArray<string>> = {}
  for (const head of await run(store.listStreams())) {
    const key = Envelope.parseStreamId(head.streamId)
    if (key === undefined) continue
    const current = await run(service.disclosure(key.department, key.year, AsOf.current))
    const published = await Effect.runPromiseExit(
      service.disclosure(key.department, key.year, AsOf.published),
    )
    out[head.streamId] = [
      current.documentHash,
      Exit.isSuccess(published) ? published.value.documentHash : "unpublished",
    ]
  }
  return out
}

beforeAll(async () => {
  opened = await run(openPglite({ migrateUpTo: "2026-11-30T0900_database_clock" }))
  store = makeKyselyEventStore(opened.db, { destroy: () => opened.db.destroy() })
  await run(makeLedgerService(store).importNdjson(fixtureText(), { idempotencyKey: "partition-test" }))
}, 120_000)
afterAll(async () => {
  await run(store.close())
})

describe("migration 4: the log partitioned by fiscal year", () => {
  it("keeps verify, every head and every document hash across the upgrade", async () => {
    expect(await run(schemaVersion(opened.db))).toBe(3)
    const headsBefore = await run(store.listStreams())
    const hashesBefore = await documentHashes()
    const verifiedBefore = await run(store.verify())
    expect(verifiedBefore).toMatchObject({ ok: true })

    expect(await run(migrate(opened.db))).toBe(KNOWN_SCHEMA_VERSION)
    expect(KNOWN_SCHEMA_VERSION).toBeGreaterThanOrEqual(4)
    expect(await run(store.listStreams())).toEqual(headsBefore)
    expect(await run(store.verify())).toEqual(verifiedBefore)
    expect(await documentHashes()).toEqual(hashesBefore)
    const years = [...new Set(headsBefore.map((h) => Envelope.parseStreamId(h.streamId)?.year ?? 0))]
    const partitions = await opened.pglite.query<{ name: string }>(
      "select inhrelid::regclass::text as name from pg_inherits where inhparent = 'events'::regclass order by 1",
    )
    expect(partitions.rows.map((r) => r.name)).toEqual(
      [0, ...years].sort().map((y) => `events_y${String(y).padStart(4, "0")}`),
    )
  })

  it("detaches a closed year and attaches it again, verify passing across", async () => {
    const heads = await run(store.listStreams())
    const hashes = await documentHashes()
    const year = Math.min(...heads.flatMap((h) => Envelope.parseStreamId(h.streamId)?.year ?? []))
    const ofYear = heads.filter((h) => Envelope.parseStreamId(h.streamId)?.year === year)
    expect(ofYear.length).toBeGreaterThan(0)

    expect(await run(detachYear(opened.db, year))).toBe(`events_y${year} streams_y${year}`)
    const archived = await run(archivedYears(opened.db))
    expect(archived).toMatchObject([{ fiscalYear: year, streams: ofYear.length }])
    expect(await run(store.listStreams())).toEqual(heads.filter((h) => !ofYear.includes(h)))
    expect(await run(store.readStream(ofYear[0]?.streamId ?? ""))).toEqual([])
    expect(await run(store.verify())).toMatchObject({ ok: true })
    // A closed year takes no appends while it is archived.
    const refused = await Effect.runPromiseExit(
      store.append(request(ofYear[0]?.streamId ?? "", Expected.any, events(1)), {
        idempotencyKey: freshKey(),
      }),
    )
    expect(Exit.isFailure(refused)).toBe(true)
    expect(JSON.stringify(refused)).toContain("year-archived")

    await run(attachYear(opened.db, year))
    expect(await run(archivedYears(opened.db))).toEqual([])
    expect(await run(store.listStreams())).toEqual(heads)
    const verified = await run(store.verify())
    expect(verified).toMatchObject({ ok: true })
    expect(verified.ok && verified.checked).toBeGreaterThan(0)
    expect(await documentHashes()).toEqual(hashes)
  })
})
