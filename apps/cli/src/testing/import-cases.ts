/**
 * The streaming import's acceptance cases, run on any transactional store (embedded PGlite in the
 * unit test, PostgreSQL in the integration test): a small province imports in many batches inside
 * one transaction with its chains intact; a bad line after several batches were appended writes
 * nothing; a re-import appends nothing.
 */
import type { EventStoreShape } from "@ledger/eventstore"
import { generateProvince } from "@ledger/province"
import { importLines, type TransactionalStore } from "@ledger/service"
import { Effect, Exit } from "effect"
import { expect } from "vitest"

async function* linesOf(texts: ReadonlyArray<string>): AsyncGenerator<string> {
  for (const t of texts) yield t
}

/** The NDJSON lines of a small province (seed fixed). */
const provinceLines = (departments: number): ReadonlyArray<string> =>
  [...generateProvince({ departments, years: 1, seed: 77 })].flatMap((dy) =>
    dy.events.map((e) => JSON.stringify(e)),
  )

/** Runs every case against `store`, which must start empty. */
export const importCases = async (store: EventStoreShape & TransactionalStore): Promise<void> => {
  const lines = provinceLines(4)
  const streams = () => Effect.runPromise(store.listStreams())

  // A bad amount near the end, after several batches of 50 were appended in the transaction.
  const bad = [...lines]
  const target = bad.findLastIndex((l) => l.includes('"AppropriationRecorded"'))
  const broken = JSON.parse(bad[target] ?? "{}") as { data: { line: { amount: string } } }
  broken.data.line.amount = "12.345"
  bad[target] = JSON.stringify(broken)
  expect(target).toBeGreaterThan(200)
  const refused = await Effect.runPromiseExit(
    importLines(store, linesOf(bad), { idempotencyKey: "bad", batchSize: 50 }),
  )
  expect(Exit.isFailure(refused)).toBe(true)
  expect(JSON.stringify(refused)).toContain(`"line":${target + 1}`)
  expect(JSON.stringify(refused)).toContain("data.line.amount")
  expect(await streams()).toEqual([])

  // A rule that reads the stream's state (a unit registered twice), the repeat near the end: refused.
  const unit = lines.findIndex((l) => l.includes('"UnitRegistered"'))
  const unitLine = JSON.parse(lines[unit] ?? "{}") as { idempotencyKey: string; eventId?: string }
  const twice = [
    ...lines,
    JSON.stringify({ ...unitLine, idempotencyKey: "unit-again", eventId: "evt-unit-again" }),
  ]
  const ruled = await Effect.runPromiseExit(
    importLines(store, linesOf(twice), { idempotencyKey: "twice", batchSize: 50 }),
  )
  expect(Exit.isFailure(ruled)).toBe(true)
  expect(JSON.stringify(ruled)).toContain(`"line":${twice.length}`)
  expect(JSON.stringify(ruled)).toContain("rule-violation")
  expect(await streams()).toEqual([])

  const progress: Array<number> = []
  const result = await Effect.runPromise(
    importLines(store, linesOf(lines), {
      idempotencyKey: "good",
      batchSize: 50,
      progressEvery: 100,
      onProgress: (p) => progress.push(p.lines),
    }),
  )
  expect(result.appended).toBe(lines.length)
  expect(result.streams).toHaveLength(4)
  expect(progress.length).toBeGreaterThan(2)
  const heads = await streams()
  expect(heads.reduce((n, h) => n + h.version, 0)).toBe(lines.length)
  const verified = await Effect.runPromise(store.verify())
  expect(verified.ok).toBe(true)

  const again = await Effect.runPromise(
    importLines(store, linesOf(lines), { idempotencyKey: "again", batchSize: 50 }),
  )
  expect(again.appended).toBe(0)
  expect(again.skipped).toBe(lines.length)
}
