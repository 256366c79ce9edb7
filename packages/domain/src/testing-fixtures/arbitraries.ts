/**
 * fast-check generators of budget events for property tests. Ids come from small pools so that
 * duplicates, unknown lines and over-drawn adjustments occur often: `evolve` must stay total on
 * events `decide` would have refused.
 *
 * @module testing-fixtures/arbitraries
 */
import fc from "fast-check"
import type * as E from "../BudgetEvent.ts"
import type { BudgetLine } from "../BudgetLine.ts"

const lineId = fc.constantFrom("L1", "L2", "L3", "L4", "L5", "L6")
const unitCode = fc.constantFrom("U1", "U2", "U3")
const projectId = fc.constantFrom("P1", "P2")
const fen = (max: number) => fc.integer({ min: 0, max })
const amount = fen(10_000_000).map((f) => `${Math.floor(f / 100)}.${String(f % 100).padStart(2, "0")}`)
const delta = fc.tuple(fc.boolean(), amount).map(([neg, a]) => (neg && a !== "0.00" ? "-" + a : a))

/** A budget line with dimensions drawn from the 2026 taxonomy. */
const line: fc.Arbitrary<BudgetLine> = fc.record({
  lineId,
  unitCode,
  fundingSource: fc.constantFrom("general-budget", "government-fund", "unit-funds"),
  functionCode: fc.constantFrom("2010301", "2010302", "2080505", "2210201"),
  expenditure: fc.oneof(
    fc.record({
      kind: fc.constant("basic" as const),
      category: fc.constantFrom("personnel" as const, "public" as const),
      deptEconomicCode: fc.constantFrom("30101", "30201", "30302"),
    }),
    fc.record({ kind: fc.constant("project" as const), projectId }),
  ),
  amount,
})

const adjustmentId = fc.constantFrom("A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8")

/** Any budget event; money events more often than reference events. */
export const event: fc.Arbitrary<E.BudgetEvent> = fc.oneof(
  {
    weight: 4,
    arbitrary: line.map((l): E.BudgetEvent => ({ type: "AppropriationRecorded", data: { line: l } })),
  },
  {
    weight: 2,
    // Sometimes naming the origin line, which the fold sums into carriedIn.
    arbitrary: fc
      .tuple(line, fc.integer({ min: 2020, max: 2025 }), fc.option(fc.constantFrom("S1", "S2")))
      .map(([l, originYear, source]): E.BudgetEvent => ({
        type: "CarryoverRecorded",
        data: { line: l, originYear, ...(source === null ? {} : { sourceLineId: source }) },
      })),
  },
  {
    weight: 3,
    arbitrary: fc.tuple(adjustmentId, lineId, delta).map(([id, l, d]): E.BudgetEvent => ({
      type: "AdjustmentRecorded",
      data: {
        adjustmentId: id,
        reason: "追加",
        documentNumber: "文号",
        change: { kind: "amount", lineId: l, delta: d },
      },
    })),
  },
  {
    weight: 3,
    arbitrary: fc.tuple(adjustmentId, lineId, line).map(([id, from, to]): E.BudgetEvent => ({
      type: "AdjustmentRecorded",
      data: {
        adjustmentId: id,
        reason: "调剂",
        documentNumber: "文号",
        change: { kind: "reclassification", fromLineId: from, toLine: to },
      },
    })),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(unitCode, fc.constantFrom("administrative" as const, "public-institution" as const))
      .map(([u, t]): E.BudgetEvent => ({
        type: "UnitRegistered",
        data: { unitCode: u, name: `单位${u}`, unitType: t },
      })),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(projectId, unitCode).map(([p, u]): E.BudgetEvent => ({
      type: "ProjectRegistered",
      data: {
        projectId: p,
        unitCode: u,
        name: `项目${p}`,
        category: "other-operation",
        life: "one-off",
        periodYears: 1,
      },
    })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom("income-change" as const, "other-remarks" as const),
        fc.string({ minLength: 1, maxLength: 5 }),
      )
      .map(([topic, text]): E.BudgetEvent => ({ type: "NarrativeNoteRecorded", data: { topic, text } })),
  },
  {
    weight: 1,
    arbitrary: unitCode.map((u): E.BudgetEvent => ({
      type: "UnitOverallTargetsRecorded",
      data: { unitCode: u },
    })),
  },
  {
    weight: 1,
    arbitrary: fc.constant<E.BudgetEvent>({
      type: "DisclosurePublished",
      data: { template: "shanxi-county-13" },
    }),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(lineId, fc.integer({ min: 1, max: 500_000 })).map(([l, n]): E.BudgetEvent => ({
      type: "YearEndClosed",
      data: { carryovers: [{ lineId: l, amount: `${n}.00` }] },
    })),
  },
)

/** A sequence of events. */
export const events = fc.array(event, { maxLength: 40 })
