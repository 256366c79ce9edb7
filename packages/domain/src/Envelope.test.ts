import { readFileSync } from "node:fs"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import * as Envelope from "./Envelope.ts"
import * as S from "./testing-fixtures/samples.ts"

const issuesOf = (input: unknown) => {
  const r = Envelope.decodeEvent(input)
  if (Result.isSuccess(r)) throw new Error("expected a decode error")
  return r.failure.issues
}
const REPO = new URL("../../../", import.meta.url)
const FIXTURES = [
  "fixtures/tunliu-government-office/events.ndjson",
  "fixtures/tunliu-government-office/events-2025.ndjson",
  "fixtures/shanghai-putuo-chengguan/events.ndjson",
]
const paths = (input: unknown) => issuesOf(input).map((i) => i.path)

describe("Envelope.decodeEvent: good events", () => {
  it("decodes every event type it knows, from a sample or from a reference fixture", () => {
    const fromFixtures = new Map<string, unknown>()
    for (const file of FIXTURES)
      for (const line of readFileSync(new URL(file, REPO), "utf8").split("\n")) {
        if (line.trim() === "") continue
        const wire = JSON.parse(line) as { type: string }
        if (!fromFixtures.has(wire.type)) fromFixtures.set(wire.type, wire)
      }
    for (const e of S.oneOfEach) expect(Envelope.EVENT_TYPES).toContain(e.type)
    for (const type of Envelope.EVENT_TYPES) {
      const sample = S.oneOfEach.find((e) => e.type === type)
      const wire = sample === undefined ? fromFixtures.get(type) : S.wire(sample)
      expect(wire, `no sample or fixture event of type ${type}`).toBeDefined()
      expect(Result.isSuccess(Envelope.decodeEvent(wire)), type).toBe(true)
    }
    expect(new Set(Envelope.EVENT_TYPES).size).toBe(Envelope.EVENT_TYPES.length)
  })

  it.each(S.oneOfEach.map((e) => [e.type, e] as const))(
    "decodes a well-formed %s with its metadata",
    (_t, event) => {
      const r = Envelope.decodeEvent(S.wire(event, 7))
      expect(Result.isSuccess(r)).toBe(true)
      if (Result.isSuccess(r)) {
        expect(r.success.event).toEqual(event)
        expect(r.success.meta).toMatchObject({
          stream: { department: "D01", year: 2026 },
          eventId: "evt-7",
          schemaVersion: 1,
          occurredAt: "2026-01-20",
          actor: "finance-system",
          idempotencyKey: "key-7",
        })
      }
    },
  )

  it("decodes a reclassification adjustment", () => {
    const e = S.reclassification("L-basic-1", S.basicLine({ lineId: "L-basic-2", amount: "10.00" }))
    const r = Envelope.decodeEvent(S.wire(e))
    expect(Result.isSuccess(r) && r.success.event).toEqual(e)
  })

  it("accepts an event without the optional eventId and actor", () => {
    const { eventId: _i, actor: _a, ...bare } = S.wire(S.unitU1)
    expect(Result.isSuccess(Envelope.decodeEvent(bare))).toBe(true)
  })
})

describe("Envelope.decodeEvent: bad events", () => {
  it.each([null, [], "event", 12])("refuses %j: an event must be an object", (input) => {
    expect(issuesOf(input)).toEqual([{ path: "", message: "an event must be a JSON object" }])
  })

  it("rejects an amount given as a JSON number, naming its path", () => {
    const w = S.wire(S.appropriation())
    ;(w["data"] as { line: { amount: unknown } }).line.amount = 120000
    expect(paths(w)).toEqual(["data.line.amount"])
  })

  it.each(["1.234", "1e3", "", "NaN", "-5.00"])("rejects the amount %j", (amount) => {
    const w = S.wire(S.appropriation(S.basicLine({ amount })))
    const issues = issuesOf(w)
    expect(issues.map((i) => i.path)).toEqual(["data.line.amount"])
    expect(issues[0]?.message).toContain("at most two decimals")
  })

  it("lists every bad field at once, metadata and payload, each with its path", () => {
    const w = S.wire(S.appropriation(), 1, {
      stream: { department: "D 01", year: 1900 },
      schemaVersion: 2,
      occurredAt: "20 January",
      idempotencyKey: "",
    })
    const line = (w["data"] as { line: Record<string, unknown> }).line
    line["functionCode"] = "20103"
    line["fundingSource"] = "lottery"
    line["amount"] = 5
    ;(line["expenditure"] as Record<string, unknown>)["deptEconomicCode"] = "50101"
    expect(new Set(paths(w))).toEqual(
      new Set([
        "stream.department",
        "stream.year",
        "schemaVersion",
        "occurredAt",
        "idempotencyKey",
        "data.line.functionCode",
        "data.line.fundingSource",
        "data.line.amount",
        "data.line.expenditure.deptEconomicCode",
      ]),
    )
  })

  it("names an unknown type and lists the known ones", () => {
    const issues = issuesOf({ ...S.wire(S.unitU1), type: "UnitDeleted" })
    expect(issues).toHaveLength(1)
    expect(issues[0]?.path).toBe("type")
    expect(issues[0]?.message).toContain("UnitRegistered")
  })

  it("refuses unknown fields at the top level and inside the payload", () => {
    const w = S.wire(S.unitU1, 1, { colour: "red" })
    ;(w["data"] as Record<string, unknown>)["nickname"] = "x"
    expect(new Set(paths(w))).toEqual(new Set(["colour", "data.nickname"]))
  })

  it("refuses unknown fields inside the stream key", () => {
    expect(paths(S.wire(S.unitU1, 1, { stream: { department: "D01", year: 2026, branch: "x" } }))).toEqual([
      "stream.branch",
    ])
  })

  it("reports missing required fields by path", () => {
    const w = S.wire(S.unitU1)
    delete (w["data"] as Record<string, unknown>)["unitType"]
    delete w["idempotencyKey"]
    expect(new Set(paths(w))).toEqual(new Set(["data.unitType", "idempotencyKey"]))
  })

  it("requires a reason and a 文号 on adjustments", () => {
    const w = S.wire(S.amountChange("L1", "5.00"))
    const data = w["data"] as Record<string, unknown>
    data["reason"] = ""
    delete data["documentNumber"]
    expect(new Set(paths(w))).toEqual(new Set(["data.reason", "data.documentNumber"]))
  })

  it("the error message joins every issue", () => {
    const r = Envelope.decodeEvent({ ...S.wire(S.unitU1), occurredAt: "yesterday", schemaVersion: "1" })
    expect(Result.isFailure(r) && r.failure.message).toMatch(
      /schemaVersion: .*; occurredAt: |occurredAt: .*; schemaVersion: /,
    )
  })
})

describe("stream ids", () => {
  it("round-trips a stream key and refuses other ids", () => {
    const key = { department: "002", year: 2026 }
    expect(Envelope.parseStreamId(Envelope.streamIdOf(key))).toEqual(key)
    expect(Envelope.parseStreamId("002-2026")).toBeUndefined()
    expect(Envelope.parseStreamId("002/26")).toBeUndefined()
  })
})
