/**
 * Demo keys only when asked (issue 12): made on a fresh embedded store or with LEDGER_DEMO_KEYS=1,
 * never made again once revoked, never shown beside real keys.
 */
import { makeMemoryEventStore } from "@ledger/eventstore"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { ensureDemoKeys, type DemoKeys } from "./demo-keys.ts"
import { createKey, listKeys, makeKeyRing, revokeKey } from "./keys.ts"

const start = (
  store: ReturnType<typeof makeMemoryEventStore>,
  options: { asked?: boolean; embedded?: boolean; saved?: DemoKeys } = {},
) =>
  Effect.runPromise(
    ensureDemoKeys(store, {
      asked: options.asked ?? false,
      embedded: options.embedded ?? true,
      saved: options.saved ?? {},
      departments: ["002"],
    }),
  )
const keyCount = async (store: ReturnType<typeof makeMemoryEventStore>) =>
  (await Effect.runPromise(listKeys(store))).length
const works = async (store: ReturnType<typeof makeMemoryEventStore>, secret: string | undefined) =>
  secret !== undefined && (await Effect.runPromise(makeKeyRing(store).authenticate(secret))) !== undefined

describe("demo keys", () => {
  it("a fresh embedded store gets one working key per role; a restart shows the same keys and makes none", async () => {
    const store = makeMemoryEventStore()
    const first = await start(store)
    expect(Object.keys(first.keys).sort()).toEqual(["admin", "auditor", "writer"])
    for (const secret of Object.values(first.keys)) expect(await works(store, secret)).toBe(true)
    const again = await start(store, { saved: first.keys })
    expect(again.keys).toEqual(first.keys)
    expect(await keyCount(store)).toBe(3)
  })

  it("are not made unless asked: PostgreSQL, or an embedded store that already had keys", async () => {
    const pg = makeMemoryEventStore()
    expect((await start(pg, { embedded: false })).keys).toEqual({})
    expect(await keyCount(pg)).toBe(0)
    const lost = makeMemoryEventStore()
    await start(lost)
    expect((await start(lost, { saved: {} })).keys).toEqual({})
    expect(await keyCount(lost)).toBe(3)
    expect(Object.keys((await start(pg, { embedded: false, asked: true })).keys)).toHaveLength(3)
  })

  it("a revoked demo key is never made again, even when asked", async () => {
    const store = makeMemoryEventStore()
    const first = await start(store)
    const auditorId = /^blk_([0-9a-f]+)_/.exec(first.keys.auditor ?? "")?.[1] ?? ""
    await Effect.runPromise(revokeKey(store, auditorId, "admin"))
    for (const asked of [false, true]) {
      const after = await start(store, { saved: first.keys, asked })
      expect(after.keys.auditor).toBeUndefined()
      expect(after.keys.writer).toBe(first.keys.writer)
      expect(after.notes.join(" ")).toMatch(/auditor key was revoked/)
    }
    expect(await keyCount(store)).toBe(3)
  })

  it("are never made nor shown when the store holds a real key", async () => {
    const store = makeMemoryEventStore()
    const first = await start(store)
    await Effect.runPromise(createKey(store, { role: "admin", label: "ops" }, "cli"))
    const after = await start(store, { saved: first.keys, asked: true })
    expect(after.keys).toEqual({})
    expect(after.notes.join(" ")).toMatch(/pnpm ledger keys create/)
    expect(await keyCount(store)).toBe(4)
  })
})
