/**
 * The replay's read of earlier years: without `firstYear` it probes back to the first year without
 * events; with the first year the caller knows (a job that listed the streams) it reads no further
 * and builds the same document.
 */
import { readFileSync } from "node:fs"
import { type EventStoreShape, makeMemoryEventStore } from "@ledger/eventstore"
import { AsOf } from "@ledger/projections"
import { fixture2025Path, fixturePath } from "@ledger/projections/testing"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { makeLedgerService } from "./ledger-service.ts"

const run = <A, E>(e: Effect.Effect<A, E>): Promise<A> => Effect.runPromise(e)

/** The reference department's 2025 and 2026 in one store that records which streams are read. */
const ledger = async () => {
  const memory = makeMemoryEventStore()
  const reads: Array<string> = []
  const store: EventStoreShape = {
    ...memory,
    readStream: (streamId, options) => {
      reads.push(streamId)
      return memory.readStream(streamId, options)
    },
  }
  const service = makeLedgerService(store)
  for (const [i, path] of [fixture2025Path, fixturePath].entries())
    await run(service.importNdjson(readFileSync(path, "utf8"), { idempotencyKey: `import-${i}` }))
  reads.length = 0
  return { service, reads }
}

describe("readYears with the department's first year", () => {
  it("reads no year before it, and builds the same document", async () => {
    const { service, reads } = await ledger()
    const probed = await run(service.disclosure("002", 2026, AsOf.published))
    expect(reads).toEqual(["002/2026", "002/2025", "002/2024"])
    reads.length = 0
    const known = await run(service.disclosure("002", 2026, AsOf.published, { firstYear: 2025 }))
    expect(reads).toEqual(["002/2026", "002/2025"])
    expect(known).toEqual(probed)
    expect(known.priorYearSource).toMatchObject({ kind: "publication", year: 2025 })
  })

  it("leaves out the years before it, even when the store holds them", async () => {
    const { service, reads } = await ledger()
    const alone = await run(service.disclosure("002", 2026, AsOf.published, { firstYear: 2026 }))
    expect(reads).toEqual(["002/2026"])
    expect(alone.priorYearSource).toEqual({ kind: "recorded", year: 2025 })
  })
})
