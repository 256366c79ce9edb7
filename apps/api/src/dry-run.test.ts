/**
 * `POST …/events?dryRun=true` over HTTP: the answer names the versions the batch would take, the
 * cells of the current document it would change and the auditor's findings after it; the stream
 * does not move, the Idempotency-Key is not needed and not used up, and a bad batch is refused as
 * the write would refuse it.
 */
import Ajv from "ajv"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { makeHarness } from "./testing-fixtures/harness.ts"
import type { Harness } from "./testing-fixtures/harness.ts"
import { newAppropriation, postJson } from "./testing-fixtures/requests.ts"

const EVENTS = "/v1/departments/002/years/2026/events"

const head = async (h: Harness) => (await Effect.runPromise(h.store.head("002/2026")))?.version ?? 0

interface Plan {
  dryRun: boolean
  fromVersion: number
  toVersion: number
  appended: number
  diff: { cells: ReadonlyArray<{ table: string; new: string }> } | null
  checks: { findings: ReadonlyArray<unknown> } | null
}

describe("append with dryRun=true", () => {
  it("answers versions, changed cells and findings; writes nothing; the key stays unused", async () => {
    const h = await makeHarness()
    const v0 = await head(h)
    const body = { events: [newAppropriation("dry", "500000.00")] }
    const res = await h.call(`${EVENTS}?dryRun=true`, { ...postJson(body), key: h.keys.writer })
    expect(res.status).toBe(200)
    const plan = (await res.json()) as Plan
    expect(plan).toMatchObject({ dryRun: true, fromVersion: v0 + 1, toVersion: v0 + 1, appended: 1 })
    expect(plan.diff?.cells.some((c) => c.table === "1")).toBe(true)
    expect(Array.isArray(plan.checks?.findings)).toBe(true)
    expect(await head(h)).toBe(v0)

    // The answer is what the OpenAPI document declares for 200.
    const doc = (await (await h.call("/v1/openapi.json")).json()) as {
      paths: Record<
        string,
        { post: { responses: Record<string, { content: Record<string, { schema: object }> }> } }
      >
      components: object
    }
    const schema =
      doc.paths["/v1/departments/{code}/years/{year}/events"]?.post.responses["200"]?.content[
        "application/json"
      ]?.schema
    const validate = new Ajv({ allErrors: true, unknownFormats: "ignore", logger: false }).compile({
      allOf: [schema],
      components: doc.components,
    })
    expect(validate(plan), JSON.stringify(validate.errors)).toBe(true)

    const real = await h.call(EVENTS, {
      ...postJson(body, { "idempotency-key": "after-dry" }),
      key: h.keys.writer,
    })
    expect(real.status).toBe(201)
    expect(await real.json()).toMatchObject({ fromVersion: v0 + 1, toVersion: v0 + 1, appended: 1 })
  })

  it("with an Idempotency-Key already used: its stored result for the same batch, 409 for another; writes nothing", async () => {
    const h = await makeHarness()
    const body = { events: [newAppropriation("dry-key", "1000.00")] }
    const write = await h.call(EVENTS, { ...postJson(body, { "idempotency-key": "dk" }), key: h.keys.writer })
    expect(write.status).toBe(201)
    const stored = (await write.json()) as Record<string, unknown>
    const v1 = await head(h)
    const same = await h.call(`${EVENTS}?dryRun=true`, {
      ...postJson(body, { "idempotency-key": "dk" }),
      key: h.keys.writer,
    })
    expect(same.status).toBe(200)
    expect(await same.json()).toMatchObject({ dryRun: true, appended: 0, replayed: stored })
    const other = { events: [newAppropriation("dry-key-2", "1000.00")] }
    const conflict = await h.call(`${EVENTS}?dryRun=true`, {
      ...postJson(other, { "idempotency-key": "dk" }),
      key: h.keys.writer,
    })
    expect(conflict.status).toBe(409)
    expect(((await conflict.json()) as { type: string }).type).toMatch(/idempotency-conflict$/)
    const real = await h.call(EVENTS, { ...postJson(other, { "idempotency-key": "dk" }), key: h.keys.writer })
    expect(real.status).toBe(409)
    const malformed = await h.call(`${EVENTS}?dryRun=true`, {
      ...postJson(other, { "idempotency-key": "bad key" }),
      key: h.keys.writer,
    })
    expect(malformed.status).toBe(400)
    const unused = await h.call(`${EVENTS}?dryRun=true`, {
      ...postJson(other, { "idempotency-key": "dk-new" }),
      key: h.keys.writer,
    })
    expect(unused.status).toBe(200)
    expect(await unused.json()).not.toHaveProperty("replayed")
    expect(await head(h)).toBe(v1)
  })

  it("refuses a bad batch and a stale If-Match as the write would, and writes nothing", async () => {
    const h = await makeHarness()
    const v0 = await head(h)
    const bad = newAppropriation("dry-bad") as { data: { line: Record<string, unknown> } }
    bad.data.line["amount"] = 12
    const invalid = await h.call(`${EVENTS}?dryRun=true`, {
      ...postJson({ events: [bad] }),
      key: h.keys.writer,
    })
    expect(invalid.status).toBe(422)
    expect(JSON.stringify(await invalid.json())).toContain("written as a string")
    const stale = await h.call(`${EVENTS}?dryRun=true`, {
      ...postJson({ events: [newAppropriation("dry-stale")] }, { "if-match": `"${v0 - 1}"` }),
      key: h.keys.writer,
    })
    expect(stale.status).toBe(409)
    const reader = await h.call(`${EVENTS}?dryRun=true`, {
      ...postJson({ events: [newAppropriation("dry-r")] }),
      key: h.keys.auditor,
    })
    expect(reader.status).toBe(403)
    expect(await head(h)).toBe(v0)
  })
})
