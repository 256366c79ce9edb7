/**
 * The API on real PostgreSQL (`LEDGER_PG_URL`): the same app and service over the Kysely store, in a
 * database of its own — keys, an idempotent append, a 409 on a stale version, and the disclosure.
 * The scratch database is made with `psql`: only `@ledger/store-postgres` may import a driver.
 */
import { randomBytes } from "node:crypto"
import { makePgEventStore } from "@ledger/store-postgres"
import type { EventStoreShape } from "@ledger/eventstore"
import { Effect } from "effect"
import { execFileSync } from "node:child_process"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeHarness } from "./testing-fixtures/harness.ts"
import type { Harness } from "./testing-fixtures/harness.ts"
import { newAppropriation, postJson } from "./testing-fixtures/requests.ts"

const ADMIN_URL = process.env["LEDGER_PG_URL"] ?? "postgres://postgres@127.0.0.1:5432/postgres"
const dbName = `ledger_api_${randomBytes(4).toString("hex")}`
const sql = (statement: string): void => {
  execFileSync("psql", [ADMIN_URL, "-v", "ON_ERROR_STOP=1", "-q", "-c", statement], { stdio: "pipe" })
}
let store: EventStoreShape | undefined
let other: EventStoreShape | undefined
let h: Harness

beforeAll(async () => {
  sql(`CREATE DATABASE ${dbName}`)
  const url = new URL(ADMIN_URL)
  url.pathname = `/${dbName}`
  store = await Effect.runPromise(makePgEventStore({ connectionString: url.toString() }))
  h = await makeHarness({ store })
  other = await Effect.runPromise(makePgEventStore({ connectionString: url.toString() }))
})

afterAll(async () => {
  if (store) await Effect.runPromise(store.close())
  if (other) await Effect.runPromise(other.close())
  sql(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
})

describe("API on PostgreSQL", () => {
  it("appends idempotently, rejects a stale version, and replays the disclosure", async () => {
    const D = "/v1/departments/002/years/2026"
    const body = { events: [newAppropriation("pg")] }
    const first = await h.call(`${D}/events`, {
      ...postJson(body, { "idempotency-key": "pg-1" }),
      key: h.keys.writer,
    })
    expect(first.status).toBe(201)
    const again = await h.call(`${D}/events`, {
      ...postJson(body, { "idempotency-key": "pg-1" }),
      key: h.keys.writer,
    })
    expect(await again.json()).toEqual(await first.json())
    const stale = await h.call(`${D}/events`, {
      ...postJson({ events: [newAppropriation("pg2")], expectedVersion: 1 }, { "idempotency-key": "pg-2" }),
      key: h.keys.writer,
    })
    expect(stale.status).toBe(409)
    const doc = await h.call(`${D}/disclosure?asOf=published`, { key: h.keys.auditor })
    expect(doc.status).toBe(200)
    expect(doc.headers.get("etag")).toMatch(/^"[0-9a-f]{64}"$/)
    const verify = (await (await h.call("/v1/verify", { key: h.keys.auditor })).json()) as { ok: boolean }
    expect(verify.ok).toBe(true)
  })
})

describe("token-less GET current with a second process on the same database", () => {
  it("shows an append through another store handle within headTtlMs, and its own appends at once", async () => {
    const D = "/v1/departments/002/years/2026"
    const ttl = 300
    // This API process: its own pool on the same database, and its own documents cache.
    const mine = await makeHarness({ store: other as EventStoreShape, fixture: false, headTtlMs: ttl })
    const position = async () => {
      const res = await mine.call(`${D}/disclosure`, { key: mine.keys.auditor })
      expect(res.status).toBe(200)
      await res.arrayBuffer()
      return Number(res.headers.get("ledger-position"))
    }
    await position()
    // The other process appends (h's pool; this process is not told).
    const elsewhere = await h.call(`${D}/events`, {
      ...postJson({ events: [newAppropriation("pg-elsewhere")] }, { "idempotency-key": "pg-elsewhere" }),
      key: h.keys.writer,
    })
    expect(elsewhere.status).toBe(201)
    const theirs = ((await elsewhere.json()) as { lastPosition: number }).lastPosition
    await new Promise((r) => setTimeout(r, ttl + 50))
    expect(await position()).toBe(theirs)
    // An append through this process shows at once, whatever the time-to-live.
    const here = await mine.call(`${D}/events`, {
      ...postJson({ events: [newAppropriation("pg-here")] }, { "idempotency-key": "pg-here" }),
      key: mine.keys.writer,
    })
    expect(here.status).toBe(201)
    expect(await position()).toBe(((await here.json()) as { lastPosition: number }).lastPosition)
  })
})
