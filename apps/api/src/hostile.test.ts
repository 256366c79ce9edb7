/**
 * Thousands of malformed and hostile requests — wrong types, huge numbers, deep nesting, injection
 * strings, bad UTF-8, odd headers — against every route with real keys: never a 5xx, always a
 * problem document on errors, and nothing is ever written.
 */
import { makeMemoryEventStore } from "@ledger/eventstore"
import type { EventStoreShape } from "@ledger/eventstore"
import { Effect } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { makeHarness } from "./testing-fixtures/harness.ts"
import { newAppropriation, postJson } from "./testing-fixtures/requests.ts"

const injection = fc.constantFrom(
  "'; DROP TABLE events; --",
  "../../etc/passwd",
  "%00",
  "%2e%2e%2f",
  "<script>alert(1)</script>",
  "${jndi:ldap://x}",
  "__proto__",
  "constructor",
  "\u0000",
  "𝕏".repeat(50),
  "9".repeat(400),
  "-1",
  "1e309",
  "NaN",
)

const segment = fc.oneof(
  fc.constantFrom("002", "2026", "999", "0", "published", "1", "cells", "x"),
  injection.map((s) => encodeURIComponent(s)),
  fc.string({ maxLength: 20 }).map((s) => encodeURIComponent(s)),
)

const path = fc.oneof(
  fc.tuple(segment, segment).map(([c, y]) => `/v1/departments/${c}/years/${y}/events`),
  fc
    .tuple(segment, segment, segment)
    .map(([c, y, a]) => `/v1/departments/${c}/years/${y}/disclosure?asOf=${a}&format=${a}`),
  fc
    .tuple(segment, segment, segment, segment)
    .map(([t, r, c, a]) => `/v1/departments/002/years/2026/disclosure/cells/${t}/${r}/${c}?asOf=${a}`),
  fc.tuple(segment, segment).map(([f, t]) => `/v1/departments/002/years/2026/diff?from=${f}&to=${t}`),
  fc.tuple(segment).map(([a]) => `/v1/departments/002/years/2026/checks?asOf=${a}`),
  fc.constant("/v1/departments/002/years/2026/reconcile"),
  fc.constant("/v1/departments/002/years/2026/events"),
  fc.tuple(segment).map(([k]) => `/v1/keys/${k}`),
  fc.constant("/v1/keys"),
  fc.constant("/v1/departments"),
  segment.map((s) => `/v1/${s}`),
)

/** Deeply nested arrays/objects. */
const deep = fc.integer({ min: 100, max: 5000 }).map((n) => "[".repeat(n) + "]".repeat(n))

const hostileJson = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify({ events: [v] })),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify({ events: v, expectedVersion: v })),
  fc.constantFrom(
    "1e309",
    "-0",
    "123456789012345678901234567890",
    '{"events":[{"__proto__":{"x":1}}]}',
    "null",
    "",
    "{",
    '"\\ud800"',
  ),
  injection.map((s) => JSON.stringify({ events: [{ ...newAppropriation("h"), type: s }] })),
  fc
    .record({ amount: fc.oneof(fc.double(), fc.bigInt().map(String), injection, fc.string()) })
    .map(({ amount }) => {
      const e = newAppropriation("amt") as { data: { line: Record<string, unknown> } }
      e.data.line["amount"] = amount
      return JSON.stringify({ events: [e] })
    }),
  deep,
  deep.map((d) => `{"events":${d}}`),
)

const body = fc.oneof(
  hostileJson,
  fc.uint8Array({ maxLength: 200 }), // arbitrary bytes, mostly invalid UTF-8
  fc.constant(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])),
)

const request = fc.record({
  method: fc.constantFrom("GET", "POST", "DELETE", "PUT", "PATCH"),
  path,
  body,
  role: fc.constantFrom("writer", "auditor", "admin", "otherWriter", "none"),
  contentType: fc.constantFrom(
    "application/json",
    "text/plain",
    "application/problem+json",
    "multipart/form-data",
    "",
  ),
  idempotencyKey: fc.option(fc.oneof(fc.string({ maxLength: 30 }), injection), { nil: undefined }),
  ifMatch: fc.option(fc.oneof(fc.string({ maxLength: 12 }), injection), { nil: undefined }),
  accept: fc.option(
    fc.oneof(
      fc.constantFrom("text/html", "*/*", "application/xml;q=0", "text/csv;q=abc"),
      fc.string({ maxLength: 20 }),
    ),
    {
      nil: undefined,
    },
  ),
})

describe("hostile input", () => {
  it("never answers 5xx and never writes", async () => {
    const h = await makeHarness({ maxBodyBytes: 64 * 1024 })
    const countEvents = async () => (await Effect.runPromise(h.store.readAll())).length
    const before = await countEvents()
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const headers: Record<string, string> = {}
        if (r.contentType !== "") headers["content-type"] = r.contentType
        if (r.idempotencyKey !== undefined && /^[\x20-\x7e]*$/.test(r.idempotencyKey))
          headers["idempotency-key"] = r.idempotencyKey
        if (r.ifMatch !== undefined && /^[\x20-\x7e]*$/.test(r.ifMatch)) headers["if-match"] = r.ifMatch
        if (r.accept !== undefined && /^[\x20-\x7e]*$/.test(r.accept)) headers["accept"] = r.accept
        const withBody = r.method !== "GET" && r.method !== "DELETE"
        const res = await h.call(r.path, {
          method: r.method,
          headers,
          ...(withBody ? { body: r.body } : {}),
          ...(r.role !== "none" ? { key: h.keys[r.role] } : {}),
        })
        expect(
          res.status,
          `${r.method} ${r.path} → ${res.status}: ${res.status >= 500 ? await res.text() : ""}`,
        ).toBeLessThan(500)
        if (res.status >= 400) expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/)
        if (r.path.startsWith("/v1/")) {
          expect(res.headers.get("x-content-type-options")).toBe("nosniff")
          expect(res.headers.get("content-security-policy")).toContain("default-src 'none'")
          expect(res.headers.get("cache-control")).not.toMatch(/public/)
        }
      }),
      { numRuns: 3000 },
    )
    expect(await countEvents()).toBe(before)
  }, 300_000)
})

/** The findings of the issue-12 probe: each is a typed 4xx naming the field, and nothing is written. */
describe("hostile input: issue 12 findings", () => {
  const D = "/v1/departments/002/years/2026"
  const post = async (
    h: Awaited<ReturnType<typeof makeHarness>>,
    events: ReadonlyArray<unknown>,
    key: string,
  ) => {
    const res = await h.call(`${D}/events`, {
      ...postJson({ events }, { "idempotency-key": key }),
      key: h.keys.writer,
    })
    return { status: res.status, body: (await res.json()) as { errors?: ReadonlyArray<{ path?: string }> } }
  }
  const paths = (b: { errors?: ReadonlyArray<{ path?: string }> }) => JSON.stringify(b)

  it.each(["2026-02-30", "2026-13-01", "2026-01-20T25:00:00Z", "0000-01-01", "9999-12-31"])(
    "an event dated %s is 422 naming occurredAt, and nothing is written",
    async (date) => {
      const h = await makeHarness()
      const before = (await Effect.runPromise(h.store.readAll())).length
      const r = await post(h, [{ ...newAppropriation("date"), occurredAt: date }], `date-${date}`)
      expect(r.status).toBe(422)
      expect(paths(r.body)).toContain("occurredAt")
      expect((await Effect.runPromise(h.store.readAll())).length).toBe(before)
    },
  )

  it.each(["constructor", "__proto__", "toString"])("an event of type %s is 422, not 500", async (type) => {
    const h = await makeHarness()
    const r = await post(h, [{ ...newAppropriation("t"), type }], `type-${type}`)
    expect(r.status).toBe(422)
    expect(paths(r.body)).toContain("type")
  })

  it("a NUL in an event id is 422 naming eventId, not 503", async () => {
    const h = await makeHarness()
    const r = await post(h, [{ ...newAppropriation("nul"), eventId: "evt\u0000x" }], "nul")
    expect(r.status).toBe(422)
    expect(paths(r.body)).toContain("eventId")
  })

  it("an event id repeated in a batch or reused in the stream is 422 naming eventId", async () => {
    const h = await makeHarness()
    const twice = await post(
      h,
      [
        { ...newAppropriation("d1"), eventId: "same" },
        { ...newAppropriation("d2"), eventId: "same" },
      ],
      "dup-batch",
    )
    expect(twice.status).toBe(422)
    expect(paths(twice.body)).toContain("eventId")
    const stored = (await Effect.runPromise(h.store.readAll()))[0]?.eventId ?? ""
    const reused = await post(h, [{ ...newAppropriation("d3"), eventId: stored }], "dup-stream")
    expect(reused.status).toBe(422)
    expect(paths(reused.body)).toContain("eventId")
  })
})

describe("hostile input: issue 12 headers", () => {
  const D = "/v1/departments/002/years/2026"

  it("the HTML disclosure carries nosniff and a CSP that runs no script; errors and 401s carry them too", async () => {
    const h = await makeHarness()
    for (const [path, key] of [
      [`${D}/disclosure?format=html`, h.keys.auditor],
      [`${D}/disclosure?format=csv`, h.keys.auditor],
      [`${D}/disclosure?asOf=2026-02-30`, h.keys.auditor],
      [`${D}/events`, undefined],
      ["/v1/nowhere", h.keys.admin],
    ] as const) {
      const res = await h.call(path, key === undefined ? {} : { key })
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff")
      const csp = res.headers.get("content-security-policy") ?? ""
      expect(csp, path).toContain("default-src 'none'")
      expect(csp, path).not.toContain("script-src")
    }
  })

  it("authenticated reads are private: current and published revalidate, a past position is private and immutable", async () => {
    const h = await makeHarness()
    const cache = async (path: string) =>
      (await h.call(path, { key: h.keys.auditor })).headers.get("cache-control")
    expect(await cache(`${D}/disclosure`)).toBe("private, no-cache")
    expect(await cache(`${D}/disclosure?asOf=published`)).toBe("private, no-cache")
    expect(await cache(`${D}/disclosure?asOf=5`)).toBe("private, max-age=31536000, immutable")
    expect(await cache(`${D}/events`)).toMatch(/^private/)
    expect(await cache("/v1/departments")).toMatch(/^private/)
  })
})

describe("hostile load: issue 12 bounded work per request", () => {
  const D = "/v1/departments/002/years/2026"
  /** The memory store with reads that wait while `hold()` is in force, so replays pile up on purpose. */
  const heldStore = () => {
    const memory = makeMemoryEventStore()
    let gate: Promise<void> = Promise.resolve()
    let open = () => {}
    const store: EventStoreShape = {
      ...memory,
      // Only budget streams wait: the key ring reads `_system/keys` to authenticate.
      readStream: (...args: Parameters<EventStoreShape["readStream"]>) =>
        args[0].startsWith("_system/")
          ? memory.readStream(...args)
          : Effect.flatMap(
              Effect.promise(() => gate),
              () => memory.readStream(...args),
            ),
    }
    return {
      store,
      hold: () => {
        gate = new Promise<void>((resolve) => (open = resolve))
      },
      release: () => open(),
    }
  }

  it("answers 503 with Retry-After once the replay cap and queue are full, while health and metadata answer at once", async () => {
    const held = heldStore()
    const h = await makeHarness({
      store: held.store,
      admission: { maxConcurrent: 1, maxQueue: 1, deadlineMs: 60_000, retryAfterSec: 3 },
    })
    held.hold()
    const running = h.call(`${D}/disclosure`, { key: h.keys.auditor })
    const queued = h.call(`${D}/disclosure?asOf=5`, { key: h.keys.auditor })
    await new Promise((r) => setTimeout(r, 20))
    const refused = await h.call(`${D}/disclosure`, { key: h.keys.auditor })
    expect(refused.status).toBe(503)
    expect(refused.headers.get("retry-after")).toBe("3")
    expect(((await refused.json()) as { type: string }).type).toMatch(/overloaded$/)
    expect((await h.call("/v1/health")).status).toBe(200)
    expect((await h.call("/v1/openapi.json")).status).toBe(200)
    expect((await h.call("/v1/departments", { key: h.keys.auditor })).status).toBe(200)
    held.release()
    expect((await running).status).toBe(200)
    expect((await queued).status).toBe(200)
    expect((await h.call(`${D}/disclosure`, { key: h.keys.auditor })).status).toBe(200)
  })

  it("refuses a replay that waits past its deadline with 503 and Retry-After", async () => {
    const held = heldStore()
    const h = await makeHarness({
      store: held.store,
      admission: { maxConcurrent: 1, maxQueue: 8, deadlineMs: 30, retryAfterSec: 1 },
    })
    held.hold()
    const running = h.call(`${D}/disclosure`, { key: h.keys.auditor })
    const late = await h.call(`${D}/checks`, { key: h.keys.auditor })
    expect(late.status).toBe(503)
    expect(late.headers.get("retry-after")).toBe("1")
    held.release()
    expect((await running).status).toBe(200)
  })
})

describe("hostile input: issue 12 provenance and as-of", () => {
  const D = "/v1/departments/002/years/2026"

  it("cell provenance answers every cell of tables 1–3 (labels, empty and zero cells included), never 5xx", async () => {
    const h = await makeHarness()
    const doc = (await (await h.call(`${D}/disclosure`, { key: h.keys.auditor })).json()) as {
      tables: ReadonlyArray<{ id: string; rows: ReadonlyArray<{ cells: ReadonlyArray<string> }> }>
    }
    const statuses = new Map<number, number>()
    for (const t of doc.tables.slice(0, 3))
      for (const [r, row] of t.rows.entries())
        for (const c of row.cells.keys()) {
          const res = await h.call(`${D}/disclosure/cells/${t.id}/${r}/${c}`, { key: h.keys.auditor })
          expect(
            res.status,
            `table ${t.id} row ${r} col ${c}: ${res.status >= 500 ? await res.text() : ""}`,
          ).toBe(200)
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
        }
    expect(statuses.get(200)).toBeGreaterThan(100)
  }, 300_000)

  it.each(["2026-02-30", "2026-13-01", "2026-01-20T25:00:00Z", "0000-01-01", "9999-12-31"])(
    "asOf=%s is 422 naming asOf",
    async (asOf) => {
      const h = await makeHarness()
      const res = await h.call(`${D}/disclosure?asOf=${asOf}`, { key: h.keys.auditor })
      expect(res.status).toBe(422)
      expect(await res.text()).toContain("asOf")
    },
  )
})

describe("hostile input: issue 12 large sums", () => {
  const D = "/v1/departments/002/years/2026"

  it("a column whose sum passes 15 integer digits still builds and traces, exactly to the fen", async () => {
    const h = await makeHarness()
    const huge = "999999999999999.99"
    const res = await h.call(`${D}/events`, {
      ...postJson(
        { events: [newAppropriation("huge-1", huge), newAppropriation("huge-2", huge)] },
        { "idempotency-key": "huge" },
      ),
      key: h.keys.writer,
    })
    expect(res.status).toBe(201)
    const doc = await h.call(`${D}/disclosure`, { key: h.keys.auditor })
    expect(doc.status).toBe(200)
    const body = (await doc.json()) as {
      tables: ReadonlyArray<{ id: string; rows: ReadonlyArray<{ cells: ReadonlyArray<string> }> }>
    }
    const table = body.tables[0]
    if (table === undefined) throw new Error("no table 1")
    let traced = 0
    for (const [r, row] of table.rows.entries())
      for (const c of row.cells.keys()) {
        const cell = await h.call(`${D}/disclosure/cells/${table.id}/${r}/${c}`, { key: h.keys.auditor })
        expect(cell.status, `cell ${r}/${c}: ${cell.status >= 500 ? await cell.clone().text() : ""}`).toBe(
          200,
        )
        const text = await cell.text()
        // A 元 sum of 16 integer digits, exact to the fen, and the printed figure it rounds to.
        if (/"[1-9]\d{15,}\.\d{2}"/.test(text) && text.includes('"matchesPrinted":true')) traced++
      }
    expect(traced).toBeGreaterThan(0)
  }, 300_000)
})

describe("hostile input: issue 12 problem paths", () => {
  const D = "/v1/departments/002/years/2026"
  const lone = (field: string) => (e: Record<string, unknown>) =>
    field === "data.line.lineId"
      ? {
          ...e,
          data: {
            ...(e["data"] as object),
            line: { ...(e["data"] as { line: object }).line, lineId: "line\ud800" },
          },
        }
      : { ...e, [field]: `x\udc00` }

  it.each(["eventId", "idempotencyKey", "data.line.lineId"])(
    "a lone surrogate in %s is 422 naming events[0].<field>, never the store's requests[0] path",
    async (field) => {
      const h = await makeHarness()
      const before = (await Effect.runPromise(h.store.readStream("002/2026"))).length
      const event = lone(field)(newAppropriation(`lone-${field}`))
      const r = await h.call(`${D}/events`, {
        ...postJson({ events: [event] }, { "idempotency-key": `lone-${field}` }),
        key: h.keys.writer,
      })
      expect(r.status).toBe(422)
      const text = await r.text()
      expect(text).not.toMatch(/requests\[/)
      const body = JSON.parse(text) as { issues: Array<{ path: string }> }
      expect(body.issues.map((i) => i.path)).toContain(`events[0].${field}`)
      expect((await Effect.runPromise(h.store.readStream("002/2026"))).length).toBe(before)
    },
  )
})
