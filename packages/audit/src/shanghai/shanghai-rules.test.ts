/**
 * The Shanghai rule set on the chengguan fixture: the derived document passes every identity (with
 * and without the ledger), and each identity fires when one figure is broken on purpose.
 */
import { AsOf, replayLog } from "@ledger/projections"
import { readNdjson, shanghaiFixturePath, toLogged } from "@ledger/projections/testing"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { checkDisclosure, type DisclosureInput } from "../index.ts"
import { added, clone, editSection, setCell } from "../testing-fixtures/mutate.ts"

const replayed = replayLog(toLogged(readNdjson(shanghaiFixturePath)), AsOf.published)
if (Result.isFailure(replayed)) throw new Error(replayed.failure.message)
const { disclosure, state } = replayed.success
const base = checkDisclosure(disclosure, state).findings

/** The rules that fire (errors) when the document is changed so. */
const fired = (d: DisclosureInput) =>
  [...new Set(added(base, checkDisclosure(d, state).findings).map((f) => `${f.rule} ${f.check}`))].sort()

const code = (c: string) => (cells: ReadonlyArray<string>) => cells.slice(0, 3).join("") === c

describe("the shanghai-district-9 rule set", () => {
  it("the chengguan document holds every identity: no finding, with the ledger and without", () => {
    expect(base).toEqual([])
    expect(checkDisclosure(disclosure).findings).toEqual([])
    expect(checkDisclosure(disclosure, state).passed).toEqual([
      "R1",
      "R2",
      "R3",
      "R4",
      "R6",
      "R7",
      "R8",
      "R9",
      "R10",
      "R11",
      "R14",
      "R16",
    ])
  })

  it("R1 / R6: T1 财政拨款收入 no longer the sum of its budgets, nor T4's", () => {
    const d = setCell(disclosure, "1", (c) => c[0] === "1. 一般公共预算", 1, "47,483,400")
    expect(fired(d)).toEqual(["R1 sh-t1-fiscal", "R6 sh-t4-budget"])
  })

  it("R2 / R4: T2 合计 differs from T1 收入总计 and from its classes", () => {
    const d = setCell(disclosure, "2", (c) => c[0] === "合计", 4, "47,483,000")
    expect(fired(d)).toEqual(["R2 sh-t2-total", "R4 sh-row-sum", "R4 sh-total"])
  })

  it("R3 / R4 / R7: a T3 项 whose 基本 no longer adds up", () => {
    const d = setCell(disclosure, "3", code("2120104"), 5, "22,783,000")
    expect(fired(d)).toContain("R4 sh-hierarchy")
    expect(fired(d)).toContain("R4 sh-row-sum")
  })

  it("R7: T5 above T3 for a code, and T5 合计 not T4 一般公共预算", () => {
    const d = setCell(disclosure, "5", (c) => c[0] === "合计", 4, "47,483,459")
    expect(fired(d)).toEqual(expect.arrayContaining(["R7 sh-budget-total"]))
  })

  it("R8: T8 人员经费 disagrees with the lines flagged 人员", () => {
    const d = setCell(disclosure, "8", (c) => c[0] === "合计", 4, "31,124,700")
    expect(fired(d)).toEqual(["R4 sh-row-sum", "R4 sh-total", "R8 sh-t8-personnel"])
  })

  it("R9: an empty table without its note", () => {
    const d = clone(disclosure)
    const t6 = d.tables.find((t) => t.id === "6")
    if (t6 === undefined) throw new Error("no table 6")
    t6.notes = []
    expect(fired(d)).toEqual(["R9 sh-empty-note"])
  })

  it("R10 / R14: T9 公务接待费 off its sum, the ledger and the narrative", () => {
    const d = setCell(disclosure, "9", () => true, 2, "0.56")
    expect(fired(d)).toEqual(["R10 sh-t9-ledger", "R10 sh-t9-sum", "R14 sh-narrative-figure"])
  })

  it("R11: 机关运行经费 above table 8 公用经费", () => {
    const d = setCell(disclosure, "9", () => true, 6, "600.00")
    expect(fired(d)).toEqual(["R11 sh-operating-costs", "R14 sh-narrative-figure"])
  })

  it("R14: an income figure and a 项 amount of 编制说明 that the tables do not hold", () => {
    const d = editSection(disclosure, "四", (t) => t.replace("收入预算4748.35万元", "收入预算4748.53万元"))
    expect(fired(d)).toEqual(["R14 sh-narrative-figure"])
    const item = editSection(disclosure, "四", (t) => t.replace("”261.47万元", "”261.74万元"))
    expect(fired(item)).toEqual(["R14 sh-narrative-item"])
  })

  it("R14 with the ledger: a 政府采购 figure that is not the procurement lines", () => {
    const d = editSection(disclosure, "六", (t) =>
      t.replace("政府采购货物预算77.10万元", "政府采购货物预算77.01万元"),
    )
    expect(fired(d)).toEqual(["R14 sh-procurement"])
  })

  it("a carryover line is not this year's budget: the ledger identities compare the current lines only", () => {
    // The template prints current-year lines; a carried-over basic, 三公 and procurement line must not
    // make R8 / R10 / R14 see a difference the page cannot show.
    const template = [...state.lines.values()].find(
      (l) =>
        l.vintage === "current" &&
        l.line.fundingSource === "general-budget" &&
        l.line.expenditure.kind === "basic" &&
        l.line.expenditure.category === "personnel",
    )
    if (template === undefined) throw new Error("no personnel line")
    const carried = {
      ...template,
      vintage: "carryover" as const,
      originYear: disclosure.fiscalYear - 1,
      line: {
        ...template.line,
        lineId: "carryover-test",
        threePublic: "reception" as const,
        procurement: "goods" as const,
      },
    }
    const withCarryover = { ...state, lines: new Map([...state.lines, ["carryover-test", carried]]) }
    expect(checkDisclosure(disclosure, withCarryover).findings).toEqual([])
  })

  it("R16: a table titled for another year", () => {
    const d = clone(disclosure)
    const t3 = d.tables.find((t) => t.id === "3")
    if (t3 === undefined) throw new Error("no table 3")
    t3.title = t3.title.replace("2026", "2025")
    expect(fired(d)).toEqual(["R16 sh-title-year"])
  })
})
