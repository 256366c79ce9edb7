/**
 * The embedded store with PGlite in a worker thread (`pglite-thread.ts`, as the API server opens
 * its folder) passes the same contract as in this thread: rows, errors and their fields (the
 * typed append errors come from them), order, and closing.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { runEventStoreContract } from "@ledger/eventstore/testing"
import { makePgliteEventStore } from "./pglite-store.ts"
import { openPgliteThread } from "./pglite-thread.ts"

const opened = Effect.runPromise(makePgliteEventStore({ thread: true }))
beforeAll(() => opened, 120_000)
afterAll(async () => {
  await Effect.runPromise((await opened).close())
})

runEventStoreContract("pglite (worker thread)", () => opened)

describe("PGlite in a worker thread", () => {
  it("answers in order, with the database's errors and their fields, and its folder keeps what was written", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ledger-pglite-thread-"))
    try {
      const db = await openPgliteThread(dir)
      try {
        const answers = await Promise.all(
          Array.from({ length: 20 }, (_, i) => db.query<{ n: number }>("select $1::int as n", [i])),
        )
        expect(answers.map((a) => a.rows[0]?.n)).toEqual(Array.from({ length: 20 }, (_, i) => i))
        await db.query("create table kept (id int primary key)")
        expect((await db.query("insert into kept values (1), (2)")).affectedRows).toBe(2)
        const error = await db.query("insert into kept values (1)").catch((e: unknown) => e)
        expect(error).toBeInstanceOf(Error)
        expect(error).toMatchObject({ code: "23505" })
        expect((error as Error).message).toMatch(/duplicate key/)
        expect((error as { detail?: string }).detail).toMatch(/\(id\)=\(1\)/)
      } finally {
        await db.close()
      }
      await expect(db.query("select 1")).rejects.toThrow(/closed/)
      const again = await openPgliteThread(dir)
      try {
        expect((await again.query<{ id: number }>("select id from kept order by id")).rows).toEqual([
          { id: 1 },
          { id: 2 },
        ])
      } finally {
        await again.close()
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 180_000)
})
