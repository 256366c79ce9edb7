/**
 * Tampered history on real PostgreSQL (`LEDGER_PG_URL`; runs with `LEDGER_INT_TESTS=1`): an amount
 * changed inside a stored event behind the store's back (as the database owner, guard trigger off)
 * is refused by every document read — in process and through the replay workers — with 503
 * `ledger-integrity` naming stream and position; nothing is cached, publish and appends are
 * refused and write nothing; and `asOf=published` is refused when the seal names another document.
 * The scratch database is made with `psql`: only `@ledger/store-postgres` may import a driver.
 */
import { execFileSync } from "node:child_process"
import { randomBytes } from "node:crypto"
import type { EventStoreShape } from "@ledger/eventstore"
import { makePgEventStore } from "@ledger/store-postgres"
import { Effect } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import { makeReplayPool } from "./replay-pool.ts"
import type { ReplayPool } from "./replay-pool.ts"
import { makeHarness } from "./testing-fixtures/harness.ts"
import type { Harness } from "./testing-fixtures/harness.ts"
import { fixtureEvent, newAppropriation, postJson } from "./testing-fixtures/requests.ts"

const ADMIN_URL = process.env["LEDGER_PG_URL"] ?? "postgres://postgres@127.0.0.1:5432/postgres"
const D = "/v1/departments/002/years/2026"
const STREAM = "002/2026"
const databases: Array<string> = []
const closers: Array<() => Promise<void>> = []

const psql = (url: string, statement: string): void => {
  execFileSync("psql", [url, "-v", "ON_ERROR_STOP=1", "-q", "-c", statement], { stdio: "pipe" })
}
/** A fresh database with the fixture imported; `url` connects to it as the owner. */
const scratch = async (): Promise<{ url: string; store: EventStoreShape }> => {
  const name = `ledger_api_tamper_${randomBytes(4).toString("hex")}`
  psql(ADMIN_URL, `CREATE DATABASE ${name}`)
  databases.push(name)
  const url = new URL(ADMIN_URL)
  url.pathname = `/${name}`
  const store = await Effect.runPromise(makePgEventStore({ connectionString: url.toString() }))
  closers.push(() => Effect.runPromise(store.close()))
  return { url: url.toString(), store }
}

const pools: Array<ReplayPool> = []
afterAll(async () => {
  for (const pool of pools) await pool.close()
  for (const close of closers) await close()
  for (const name of databases) psql(ADMIN_URL, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
})

describe.each(["in process", "on replay workers", "on replay workers reading PostgreSQL"])(
  "tampered history on PostgreSQL, replays %s",
  (mode) => {
    it("is refused by every document read, by publish and by appends, naming stream and position; nothing is cached", async () => {
      const { url, store } = await scratch()
      const replayPool =
        mode === "in process"
          ? undefined
          : makeReplayPool(store, {
              size: 1,
              timeoutMs: 120_000,
              ...(mode.endsWith("PostgreSQL") ? { databaseUrl: url } : {}),
            })
      if (replayPool !== undefined) pools.push(replayPool)
      const h: Harness = await makeHarness({ store, ...(replayPool !== undefined ? { replayPool } : {}) })
      const stored = await Effect.runPromise(store.readStream(STREAM))
      const target = stored.find((e) => e.type === "AppropriationRecorded")
      if (target === undefined) throw new Error("no appropriation stored")
      // Served once before the tamper, so a cache would have something to serve.
      expect((await h.call(`${D}/disclosure?asOf=published`, { key: h.keys.auditor })).status).toBe(200)
      psql(
        url,
        `alter table events disable trigger user;
       update events set canonical = regexp_replace(canonical, '"amount":"(\\d)', '"amount":"9\\1') where position = ${target.position};
       alter table events enable trigger user;`,
      )
      const refused = async (response: Response | Promise<Response>) => {
        const r = await response
        expect(r.status).toBe(503)
        expect(r.headers.get("cache-control") ?? "").not.toMatch(/public|immutable/)
        const body = (await r.json()) as { type: string; detail: string }
        expect(body.type).toMatch(/\/ledger-integrity$/)
        expect(body.detail).toContain(`stream ${STREAM}`)
        expect(body.detail).toContain(`position ${target.position}`)
      }
      const get = (path: string) => h.call(path, { key: h.keys.auditor })
      // A fresh process sees the tamper at once (no remembered head); this one within the head TTL.
      const fresh = await makeHarness({
        store,
        fixture: false,
        ...(replayPool !== undefined ? { replayPool } : {}),
      })
      await refused(fresh.call(`${D}/disclosure?asOf=published`, { key: fresh.keys.auditor }))
      await refused(get(`${D}/disclosure`))
      await refused(get(`${D}/disclosure/cells/1/5/1`))
      await refused(get(`${D}/checks`))
      await refused(h.call(`${D}/publish`, { method: "POST", key: h.keys.writer }))
      await refused(
        h.call(`${D}/events`, {
          ...postJson({ events: [newAppropriation("after-tamper")] }, { "idempotency-key": "after-tamper" }),
          key: h.keys.writer,
        }),
      )
      expect((await Effect.runPromise(store.readStream(STREAM))).length).toBe(stored.length)
    }, 300_000)

    it("a stored row that is not JSON is 503 ledger-integrity naming its position, not store-unavailable", async () => {
      const { url, store } = await scratch()
      const replayPool =
        mode === "in process"
          ? undefined
          : makeReplayPool(store, {
              size: 1,
              timeoutMs: 120_000,
              ...(mode.endsWith("PostgreSQL") ? { databaseUrl: url } : {}),
            })
      if (replayPool !== undefined) pools.push(replayPool)
      const h: Harness = await makeHarness({ store, ...(replayPool !== undefined ? { replayPool } : {}) })
      const target = (await Effect.runPromise(store.readStream(STREAM))).find(
        (e) => e.type === "AppropriationRecorded",
      )
      if (target === undefined) throw new Error("no appropriation stored")
      psql(
        url,
        `alter table events disable trigger user;
       update events set canonical = left(canonical, 40) where position = ${target.position};
       alter table events enable trigger user;`,
      )
      const fresh = await makeHarness({
        store,
        fixture: false,
        ...(replayPool !== undefined ? { replayPool } : {}),
      })
      for (const r of [
        await fresh.call(`${D}/disclosure?asOf=published`, { key: fresh.keys.auditor }),
        await h.call(`${D}/checks`, { key: h.keys.auditor }),
      ]) {
        expect(r.status).toBe(503)
        const body = (await r.json()) as { type: string; detail: string }
        expect(body.type).toMatch(/\/ledger-integrity$/)
        expect(body.detail).toContain(`position ${target.position}`)
      }
    }, 300_000)
  },
)

describe("seals on PostgreSQL", () => {
  it("as published is refused when the rebuilt document does not match the seal", async () => {
    const { store } = await scratch()
    const h = await makeHarness({ store })
    const published = await h.call(`${D}/publish`, { method: "POST", key: h.keys.writer })
    expect(published.status).toBe(201)
    expect((await h.call(`${D}/disclosure?asOf=published`, { key: h.keys.auditor })).status).toBe(200)
    const line = JSON.stringify({
      ...fixtureEvent("DisclosurePublished"),
      eventId: "evt-forged-seal",
      idempotencyKey: "002/2026/published/forged",
      data: { template: "shanxi-county-13", documentHash: "f".repeat(64) },
    })
    await Effect.runPromise(h.service.importNdjson(line, { idempotencyKey: "forged-import" }))
    const fresh = await makeHarness({ store, fixture: false })
    const mismatch = await fresh.call(`${D}/disclosure?asOf=published`, { key: fresh.keys.auditor })
    expect(mismatch.status).toBe(503)
    const problem = (await mismatch.json()) as { detail: string; issues: Array<{ message: string }> }
    expect(problem.issues[0]?.message).toBe("seal-mismatch")
    expect(problem.detail).toContain("f".repeat(64))
  }, 300_000)
})
