/**
 * Appends over HTTP: idempotency, optimistic concurrency and bad input — every rejection is a
 * problem naming the field, and nothing is written (the stream head does not move).
 */
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { makeHarness } from "./testing-fixtures/harness.ts"
import type { Harness } from "./testing-fixtures/harness.ts"
import { fixtureEvent, newAppropriation, postJson } from "./testing-fixtures/requests.ts"

/** The mutable shape of a wire event the tests break on purpose. */
interface Wire {
  [k: string]: unknown
  data: { [k: string]: unknown; line: { [k: string]: unknown; expenditure: Record<string, unknown> } }
}

const EVENTS = "/v1/departments/002/years/2026/events"

const head = async (h: Harness) => (await Effect.runPromise(h.store.head("002/2026")))?.version ?? 0

const append = (h: Harness, body: unknown, headers: Record<string, string> = { "idempotency-key": "k" }) =>
  h.call(EVENTS, { ...postJson(body, headers), key: h.keys.writer })

interface ProblemBody {
  readonly type: string
  readonly status: number
  readonly issues?: ReadonlyArray<{ path: string; message: string; rule?: string }>
}

/** Sends the request, expects the status and problem type, and that the stream did not move. */
const rejected = async (
  h: Harness,
  res: Response | Promise<Response>,
  status: number,
  type: string,
): Promise<ProblemBody> => {
  const before = await head(h)
  const r = await res
  const body = (await r.json()) as ProblemBody
  expect({ status: r.status, type: body.type }).toEqual({
    status,
    type: `https://budget-ledger.dev/problems/${type}`,
  })
  expect(r.headers.get("content-type")).toMatch(/^application\/problem\+json/)
  expect(await head(h)).toBe(before)
  return body
}

describe("append", () => {
  it("same Idempotency-Key and body → the original result; another body → 409, nothing written", async () => {
    const h = await makeHarness()
    const v0 = await head(h)
    const body = { events: [newAppropriation("idem")] }
    const first = await append(h, body, { "idempotency-key": "same" })
    expect(first.status).toBe(201)
    const firstBody = await first.json()
    expect(await head(h)).toBe(v0 + 1)
    const again = await append(h, body, { "idempotency-key": "same" })
    expect(again.status).toBe(201)
    expect(await again.json()).toEqual(firstBody)
    expect(await head(h)).toBe(v0 + 1)
    await rejected(
      h,
      append(h, { events: [newAppropriation("idem-other")] }, { "idempotency-key": "same" }),
      409,
      "idempotency-conflict",
    )
  })

  it("a stale expected version (body or If-Match) → 409 version-conflict", async () => {
    const h = await makeHarness()
    const v = await head(h)
    await rejected(
      h,
      append(h, { events: [newAppropriation("v1")], expectedVersion: v - 1 }, { "idempotency-key": "a" }),
      409,
      "version-conflict",
    )
    await rejected(
      h,
      append(h, { events: [newAppropriation("v2")] }, { "idempotency-key": "b", "if-match": `"${v - 1}"` }),
      409,
      "version-conflict",
    )
    const ok = await append(
      h,
      { events: [newAppropriation("v3")], expectedVersion: v },
      { "idempotency-key": "c" },
    )
    expect(ok.status).toBe(201)
  })

  it("two writers at the same expected version: exactly one wins", async () => {
    const h = await makeHarness()
    const v = await head(h)
    const results = await Promise.all(
      [1, 2, 3].map(async (i) =>
        append(
          h,
          { events: [newAppropriation(`race${i}`)], expectedVersion: v },
          { "idempotency-key": `race${i}` },
        ),
      ),
    )
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409])
    expect(await head(h)).toBe(v + 1)
  })

  it("a missing Idempotency-Key is a 400 naming the header", async () => {
    const h = await makeHarness()
    const p = await rejected(
      h,
      append(h, { events: [newAppropriation("nokey")] }, {}),
      400,
      "malformed-request",
    )
    expect(p.issues?.[0]?.path).toBe("header.Idempotency-Key")
  })

  it("malformed JSON → 400; not JSON → 415", async () => {
    const h = await makeHarness()
    await rejected(h, append(h, '{"events": [', { "idempotency-key": "m" }), 400, "malformed-request")
    await rejected(
      h,
      h.call(EVENTS, {
        method: "POST",
        headers: { "content-type": "text/plain", "idempotency-key": "m" },
        body: "x",
        key: h.keys.writer,
      }),
      415,
      "unsupported-media-type",
    )
  })

  const invalid = async (mutate: (e: Wire) => void, status: number, type: string, path: RegExp) => {
    const h = await makeHarness()
    const good = newAppropriation("bad")
    const bad = structuredClone(good) as unknown as Wire
    mutate(bad)
    const p = await rejected(h, append(h, { events: [newAppropriation("good-before"), bad] }), status, type)
    expect(p.issues?.map((i) => i.path).join(" ")).toMatch(path)
  }

  it("an unknown function code → 422 naming events[1].data.line.functionCode", () =>
    invalid(
      (e) => (e.data.line.functionCode = "9999999"),
      422,
      "rule-violation",
      /events\[1\]\.data\.line\.functionCode/,
    ))

  it("an amount given as a JSON number → 422 naming the amount", () =>
    invalid((e) => (e.data.line.amount = 1000), 422, "invalid-event", /events\[1\]\.data\.line\.amount/))

  it("an amount with three decimals → 422 naming the amount", () =>
    invalid((e) => (e.data.line.amount = "10.001"), 422, "invalid-event", /events\[1\]\.data\.line\.amount/))

  it("an unknown unit → 422 naming the unit", () =>
    invalid(
      (e) => (e.data.line.unitCode = "NOPE01"),
      422,
      "rule-violation",
      /events\[1\]\.data\.line\.unitCode/,
    ))

  it("an unknown project → 422 naming the project", () =>
    invalid(
      (e) => (e.data.line.expenditure.projectId = "NOPE-99"),
      422,
      "rule-violation",
      /events\[1\]\.data\.line\.expenditure\.projectId/,
    ))

  it("an adjustment driving a line negative → 422, nothing written", async () => {
    const h = await makeHarness()
    const adj = structuredClone(fixtureEvent("AdjustmentRecorded"))
    adj["idempotencyKey"] = "test/negative"
    delete adj["eventId"]
    // a line of the fixture, reduced by more than it holds
    const line = (fixtureEvent("AppropriationRecorded") as unknown as { data: { line: unknown } }).data
      .line as {
      lineId: string
      amount: string
    }
    const delta = `-${Number(line.amount.split(".")[0]) + 1}.00`
    adj["data"] = {
      adjustmentId: "ADJ-NEG",
      reason: "test",
      documentNumber: "T-1",
      change: { kind: "amount", lineId: line.lineId, delta },
    }
    const p = await rejected(h, append(h, { events: [adj] }), 422, "rule-violation")
    expect(p.issues?.[0]?.path).toMatch(/^events\[0\]\.data\.change/)
  })

  it("an oversize body → 413, nothing written", async () => {
    const h = await makeHarness({ maxBodyBytes: 2048 })
    const big = { events: Array.from({ length: 20 }, (_, i) => newAppropriation(`big${i}`)) }
    await rejected(h, append(h, big), 413, "payload-too-large")
  })

  it("a writer's batch for another department's stream is refused", async () => {
    const h = await makeHarness()
    const e = newAppropriation("elsewhere")
    e["stream"] = { department: "999", year: 2026 }
    await rejected(h, append(h, { events: [e] }), 422, "invalid-event")
  })
})
