/**
 * The embedded store keeps its data in a folder: what one process appends, the next one reads and
 * verifies. (A second file because it needs its own PGlite instances; kept to one stream.)
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import { Expected } from "@ledger/eventstore"
import { events, freshKey, request, run } from "@ledger/eventstore/testing"
import { makePgliteEventStore } from "./pglite-store.ts"

const dir = mkdtempSync(join(tmpdir(), "ledger-pglite-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe("pglite in a folder", () => {
  it("persists events across a close and reopen", async () => {
    const first = await Effect.runPromise(makePgliteEventStore({ dataDir: dir }))
    const written = await run(
      first.append(request("002/2026", Expected.noStream, events(3)), { idempotencyKey: freshKey() }),
    )
    await run(first.close())
    const second = await Effect.runPromise(makePgliteEventStore({ dataDir: dir }))
    try {
      const read = await run(second.readStream("002/2026"))
      expect(read.map((e) => e.position)).toEqual(written.positions)
      expect(await run(second.verify())).toEqual({ ok: true, checked: 3, streams: 1 })
    } finally {
      await run(second.close())
    }
  }, 120_000)
})
