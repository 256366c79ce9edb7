/**
 * Years that link, through the service: 2025 and 2026 of the reference department imported in
 * one ledger; carryovers are checked against 2025's 年终结转 (the service hands `decide` the other
 * year's state); a synthetic third year 2027 carries from 2026's close.
 */
import { readFileSync } from "node:fs"
import { makeMemoryEventStore } from "@ledger/eventstore"
import { AsOf, buildDisclosure } from "@ledger/projections"
import { fixture2025Path, fixturePath } from "@ledger/projections/testing"
import { Effect, Exit, Result } from "effect"
import { describe, expect, it } from "vitest"
import { BatchRejected } from "./errors.ts"
import { makeLedgerService } from "./ledger-service.ts"

const text2025 = readFileSync(fixture2025Path, "utf8")
const text2026 = readFileSync(fixturePath, "utf8")
const run = <A, E>(e: Effect.Effect<A, E>): Promise<A> => Effect.runPromise(e)

const ledger = async (texts: ReadonlyArray<string>) => {
  const service = makeLedgerService(makeMemoryEventStore())
  for (const [i, t] of texts.entries()) await run(service.importNdjson(t, { idempotencyKey: `import-${i}` }))
  return service
}

const rejection = async (effect: Effect.Effect<unknown, unknown>) => {
  const exit = await Effect.runPromiseExit(effect)
  if (Exit.isSuccess(exit)) throw new Error("expected a failure")
  const reason = exit.cause.reasons.find((r) => r._tag === "Fail")
  const error = reason?._tag === "Fail" ? reason.error : undefined
  if (!(error instanceof BatchRejected)) throw new Error(`expected BatchRejected, got ${String(error)}`)
  return error.issues
}

const wire = (year: number, n: number, type: string, data: unknown) => ({
  stream: { department: "002", year },
  type,
  schemaVersion: 1,
  occurredAt: `${year}-01-20`,
  actor: "test",
  idempotencyKey: `test/${year}/${n}`,
  data,
})
const carry = (lineId: string, sourceLineId: string, amount: string, n = 1) =>
  wire(2026, n, "CarryoverRecorded", {
    line: {
      lineId,
      unitCode: "002001",
      fundingSource: "general-budget",
      functionCode: "2010302",
      expenditure: { kind: "project", projectId: "002001-02" },
      amount,
    },
    originYear: 2025,
    sourceLineId,
  })

describe("the reference department's years in one ledger", () => {
  it("refuses a carryover above what 2025's close left, and one naming a line 2025 does not have", async () => {
    const both = await ledger([text2025, text2026])
    const append = (event: unknown) =>
      both.append({ department: "002", year: 2026, events: [event], idempotencyKey: "k" })
    // 2025 closed 145,000 of 002001-02-c and 2026 already carried all of it.
    const over = await rejection(append(carry("extra-k2025", "002001-02-c", "0.01")))
    expect(over[0]).toMatchObject({ rule: "CarryoverExceedsOrigin", path: "data.line.amount" })
    const ghost = await rejection(append(carry("ghost-k2025", "no-such-line", "1.00")))
    expect(ghost[0]).toMatchObject({ rule: "UnknownOriginLine", path: "data.sourceLineId" })
    expect((await run(both.store.readStream("002/2026"))).length).toBe(text2026.trim().split("\n").length)
  })

  it("checks a file holding both years in one import, 2025 first", async () => {
    const one = await ledger([text2025 + text2026])
    expect((await run(one.store.readStream("002/2025"))).length).toBeGreaterThan(0)
    const tooMuch = text2026.replace(
      '"amount":"145000.00"},"originYear":2025',
      '"amount":"145000.01"},"originYear":2025',
    )
    expect(tooMuch).not.toBe(text2026)
    const issues = await rejection(
      makeLedgerService(makeMemoryEventStore()).importNdjson(text2025 + tooMuch, { idempotencyKey: "x" }),
    )
    expect(issues[0]).toMatchObject({ rule: "CarryoverExceedsOrigin" })
  })

  it("a third, synthetic year 2027 carries from 2026's close, at most what it left", async () => {
    const three = await ledger([text2025, text2026])
    await run(three.publish("002", 2026, { actor: "test", occurredAt: "2026-12-20" }))
    const close = wire(2026, 900, "YearEndClosed", {
      carryovers: [{ lineId: "002001-01-c", amount: "6000.00" }],
    })
    await run(three.append({ department: "002", year: 2026, events: [close], idempotencyKey: "close-2026" }))
    const events2027 = [
      wire(2027, 1, "DepartmentProfileRecorded", {
        departmentCode: "002",
        name: "长治市屯留区人民政府办公室",
        regionName: "屯留区",
        template: "shanxi-county-13",
        duties: ["合成年度：只为检验年度衔接。"],
      }),
      wire(2027, 2, "UnitRegistered", {
        unitCode: "002001",
        name: "长治市屯留区人民政府办公室",
        unitType: "administrative",
      }),
      wire(2027, 3, "ProjectRegistered", {
        projectId: "002001-01",
        unitCode: "002001",
        name: "“13710”督办系统运维费",
        category: "other-operation",
        life: "one-off",
        periodYears: 1,
      }),
      wire(2027, 4, "CarryoverRecorded", {
        line: {
          lineId: "002001-01-k2026",
          unitCode: "002001",
          fundingSource: "general-budget",
          functionCode: "2010302",
          expenditure: { kind: "project", projectId: "002001-01" },
          amount: "6000.00",
        },
        originYear: 2026,
        sourceLineId: "002001-01-c",
      }),
    ]
    await run(three.append({ department: "002", year: 2027, events: events2027, idempotencyKey: "y2027" }))
    // The close left 6,000 of 002001-01-c and 2027 carried all of it: a second carryover is refused.
    const again = wire(2027, 5, "CarryoverRecorded", {
      line: {
        lineId: "again-k2026",
        unitCode: "002001",
        fundingSource: "general-budget",
        functionCode: "2010302",
        expenditure: { kind: "project", projectId: "002001-01" },
        amount: "0.01",
      },
      originYear: 2026,
      sourceLineId: "002001-01-c",
    })
    const issues = await rejection(
      three.append({ department: "002", year: 2027, events: [again], idempotencyKey: "again" }),
    )
    expect(issues[0]).toMatchObject({ rule: "CarryoverExceedsOrigin" })
  })
})

describe("the one replay reads the department's earlier years", () => {
  it("builds 2026's prior-year figures from 2025's publication in the ledger; the narrative is unchanged", async () => {
    const alone = await ledger([text2026])
    const both = await ledger([text2025, text2026])
    const a = await run(alone.replay("002", 2026, AsOf.published))
    const b = await run(both.replay("002", 2026, AsOf.published))
    const published2025 = await run(both.disclosure("002", 2025, AsOf.published))
    expect(a.disclosure.priorYearSource).toEqual({ kind: "recorded", year: 2025 })
    expect(b.disclosure.priorYearSource).toEqual({
      kind: "publication",
      year: 2025,
      documentHash: published2025.documentHash,
    })
    expect(b.disclosure.narrative).toEqual(a.disclosure.narrative)
    expect(b.disclosure.tables).toEqual(a.disclosure.tables)
    // Without 2025 in the store the document is the one the projections build from 2026 alone.
    const reference = Result.getOrThrow(buildDisclosure(a.log, AsOf.published))
    expect(a.disclosure.documentHash).toBe(reference.documentHash)
  })

  it("traces a 2026 上年结转 cell back to its 2025 origin line and 2025's year-end close", async () => {
    const both = await ledger([text2025, text2026])
    const doc = await run(both.disclosure("002", 2026, AsOf.published))
    const cell = doc.tables.flatMap((t) =>
      t.rows.flatMap((r, row) =>
        (r.cellLines ?? []).flatMap((ids, col) =>
          ids !== null && ids.length === 1 && ids[0] === "002001-02-k2025" ? [{ table: t.id, row, col }] : [],
        ),
      ),
    )[0]
    if (cell === undefined) throw new Error("no cell of the carryover line alone")
    const traced = await run(both.trace("002", 2026, AsOf.published, cell))
    const origin = traced.lines[0]?.origin
    expect(origin).toMatchObject({ year: 2025, lineId: "002001-02-c", closedAmount: "145000.00" })
    expect(origin?.yearEndClose.map((e) => e.eventId)).toEqual(["evt-002-2025-0060"])
    expect(origin?.contributions.length).toBeGreaterThan(0)
    expect(origin?.contributions.every((c) => c.event.eventId?.startsWith("evt-002-2025-"))).toBe(true)
    // Without 2025 in the ledger the carryover line has no origin to show.
    const alone = await ledger([text2026])
    const lone = await run(alone.trace("002", 2026, AsOf.published, cell))
    expect(lone.lines[0]?.origin).toBeUndefined()
  })
})
