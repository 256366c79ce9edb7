/**
 * R1–R16 on the disclosure derived from the reference fixture: the arithmetic rules hold, the only
 * errors are the reference document's known defects (which the fixture records as data), and every
 * rule fires when one of its cells is broken on purpose.
 */
import { Money } from "@ledger/domain"
import { beforeAll, describe, expect, it } from "vitest"
import { checkDisclosure } from "../index.ts"
import type { DisclosureInput } from "../model/document.ts"
import { RULE_IDS, type Finding, type RuleId } from "../model/finding.ts"
import { fromDisclosure } from "../model/from-disclosure.ts"
import { derivedReference, referenceKnownDefects } from "../testing-fixtures/reference.ts"

/** The reference document's acknowledged §5.2 items, as the CLI and the API are given them. */
const known = referenceKnownDefects()
import { added, clone, editSection, labelled, setCell } from "../testing-fixtures/mutate.ts"
import { checkAudit } from "./index.ts"
import type { BudgetState } from "@ledger/domain"
import type { Disclosure } from "@ledger/projections"

let derived: Disclosure
let state: BudgetState.BudgetState
let baseline: ReadonlyArray<Finding>

beforeAll(() => {
  const r = derivedReference()
  derived = r.disclosure
  state = r.state
  baseline = checkDisclosure(derived, state, known).findings
})

const bump = (cell: string | undefined) =>
  Money.add(Money.make(cell === undefined || cell === "" ? "0" : cell), Money.make("1.00"))
const cellOf = (d: DisclosureInput, id: string, where: (c: ReadonlyArray<string>) => boolean, col: number) =>
  d.tables.find((t) => t.id === id)?.rows.find((r) => where(r.cells))?.cells[col]
const bumped = (id: string, where: (c: ReadonlyArray<string>) => boolean, col: number) =>
  setCell(derived, id, where, col, bump(cellOf(derived, id, where, col)))
const fires = (rule: RuleId, d: DisclosureInput): Finding[] => {
  const news = added(baseline, checkDisclosure(d, state, known).findings).filter(
    (f) => f.rule === rule && f.severity === "error",
  )
  expect(news.length, `${rule} should fire`).toBeGreaterThan(0)
  return news
}

describe("checkDisclosure on the derived reference disclosure", () => {
  it("R1–R16 all pass: every table, narrative figure, count and performance table is consistent", () => {
    const r = checkDisclosure(derived, state, known)
    expect(r.passed).toEqual([...RULE_IDS])
  })

  it("the warnings are the performance tables' declarations recorded as published and the soft T6 link (§5.2 items 3, 7, 11)", () => {
    const findings = checkDisclosure(derived, state, known).findings
    expect(findings.filter((f) => f.severity === "error")).toEqual([])
    const warnings = findings.filter((f) => f.severity === "warning")
    expect(warnings.every((f) => f.knownDefect !== undefined)).toBe(true)
    expect([...new Set(warnings.map((f) => f.knownDefect))].sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([
      3, 7, 11,
    ])
    expect(warnings.filter((f) => f.rule === "R8").map((f) => f.check)).toEqual(["t6-link-medical"])
  })
})

describe("each rule fires when broken on purpose", () => {
  it("R1: 本年收入合计 no longer equals the sources", () => {
    expect(fires("R1", bumped("1", labelled("本年收入合计"), 1)).map((f) => f.check)).toContain(
      "t1-income-sum",
    )
  })
  it("R2: T2 上年结转 合计 differs from T1", () => {
    expect(fires("R2", bumped("2", labelled("合计"), 8))[0]?.place).toEqual({
      table: "2",
      row: "合计",
      column: "上年结转",
    })
  })
  it("R3: a T1 class row differs from T3", () => {
    fires("R3", bumped("1", labelled("一般公共服务支出", 2), 3))
  })
  it("R4: a T3 row's 合计 is no longer 基本 + 项目", () => {
    expect(
      fires(
        "R4",
        bumped("3", (c) => /^\d{7}$/.test(c[0] ?? "") && c[3] !== "", 3),
      ).map((f) => f.check),
    ).toContain("row-sum")
  })
  it("R5: a T3 code is no longer T2 current + carryover", () => {
    const where = (c: ReadonlyArray<string>) => /^\d{7}$/.test(c[0] ?? "") && c[3] !== ""
    const d = setCell(bumped("3", where, 2), "3", where, 3, bump(cellOf(derived, "3", where, 3)))
    fires("R5", d)
  })
  it("R6: table 4 disagrees with the 财政拨款 part of table 1", () => {
    fires("R6", bumped("4", labelled("本年收入合计"), 1))
  })
  it("R7: a T5 code differs from the T2 一般公共预算 column", () => {
    const where = (c: ReadonlyArray<string>) => /^\d{7}$/.test(c[0] ?? "") && c[3] !== ""
    fires("R7", setCell(bumped("5", where, 2), "5", where, 3, bump(cellOf(derived, "5", where, 3))))
  })
  it("R8: T6 人员经费 no longer adds up", () => {
    fires("R8", bumped("6", labelled("合计"), 3))
  })
  it("R9: an empty table without its note", () => {
    const d = clone(derived)
    const t7 = d.tables.find((t) => t.id === "7")
    if (t7 === undefined) throw new Error("no table 7")
    t7.notes = []
    expect(fires("R9", d as DisclosureInput)[0]?.check).toBe("empty-note-missing")
  })
  it("R10: the 三公 合计 is not the sum of its items", () => {
    fires("R10", bumped("10", labelled("合计"), 1))
  })
  it("R11: 部门合计 is not Σ unit rows", () => {
    fires("R11", bumped("11", labelled("部门合计"), 1))
  })
  it("R12: a project amount breaks its unit's subtotal and the ledger", () => {
    const project =
      derived.tables.find((t) => t.id === "12")?.rows.find((r) => r.kind === "project")?.cells[0] ?? ""
    const checks = fires("R12", bumped("12", labelled(project), 1)).map((f) => f.check)
    expect(checks).toContain("project-tree")
    expect(checks).toContain("project-ledger")
  })
  it("R13: the carryover project table no longer equals T3 项目 − T5 项目", () => {
    const dept =
      derived.tables.find((t) => t.id === "13")?.rows.find((r) => r.kind === "department")?.cells[0] ?? ""
    fires("R13", bumped("13", labelled(dept), 1))
  })
  it("R14: a share in section 二 that does not recompute", () => {
    const f = fires(
      "R14",
      editSection(derived, "二", (t) => t.replace(/占(\d+\.\d{2})%/, "占1.23%")),
    )
    expect(f[0]?.place.section).toBe("二")
  })
  it("R14: text checks — placeholder, template residue, change without reason, 元 in a 万元 section, stale year", () => {
    const checks = (edit: (t: string) => string, id: string) =>
      added(baseline, checkDisclosure(editSection(derived, id, edit), state, known).findings)
        .filter((f) => f.rule === "R14")
        .map((f) => f.check)
    expect(checks((t) => t + "其他：XX。", "九")).toContain("placeholder")
    expect(checks((t) => t.replace("减少", "减少(增加)"), "五")).toContain("template-residue")
    expect(checks((t) => t.replace(/原因是?/g, "据悉"), "八")).toContain("change-without-reason")
    expect(checks((t) => t + "另有专项50000元。", "九")).toContain("unit-slip")
    expect(checks((t) => t + "参照2019年标准。", "九")).toContain("stale-year")
  })
  it("R15: a 填报日期 after the budget year began, on a table that had none", () => {
    const doc = fromDisclosure(derived, state)
    const before = checkAudit(doc, state, known).findings
    const first = doc.performance?.findIndex((p) => p.filledAt < `${doc.fiscalYear}0101`) ?? -1
    const perf = [...(doc.performance ?? [])]
    const t = perf[first]
    if (t === undefined) throw new Error("no performance table filed before the year")
    perf[first] = { ...t, filledAt: `${doc.fiscalYear}0301120000` }
    const news = added(before, checkAudit({ ...doc, performance: perf }, state, known).findings)
    expect(news.map((f) => [f.rule, f.check, f.place.project])).toEqual([
      ["R15", "filled-after-year-start", t.projectName],
    ])
  })
  it("R15: a project without a 绩效目标表 once section 十 claims every target is published", () => {
    const d = editSection(derived, "十", (t) =>
      t.replace(/公开项目绩效目标(\d+)个/, (_, n: string) => `公开项目绩效目标${Number(n) + 1}个`),
    )
    expect(fires("R15", d).map((f) => f.check)).toContain("target-table-missing")
  })
  it("R16: section 八 counts more units than table 11 lists", () => {
    const d = editSection(derived, "八", (t) =>
      t.replace(/下属(\d+)家单位/, (_, n: string) => `下属${Number(n) + 2}家单位`),
    )
    expect(fires("R16", d).map((f) => f.check)).toContain("t11-unit-count")
  })
  it("R16: a table titled for another year", () => {
    const d = clone(derived)
    const t1 = d.tables.find((t) => t.id === "1")
    if (t1 === undefined) throw new Error("no table 1")
    t1.title = t1.title.replace(String(d.fiscalYear), String(d.fiscalYear - 1))
    expect(fires("R16", d as DisclosureInput)[0]?.check).toBe("title-year")
  })
  it("R16: section 十 counts more units than the department has", () => {
    const d = editSection(derived, "十", (t) =>
      t.replace(/下属预算单位(\d+)个/, (_, n: string) => `下属预算单位${Number(n) + 1}个`),
    )
    expect(fires("R16", d)[0]?.check).toBe("unit-count")
  })
  it("R16 (soft): a glossary copied from the provincial template", () => {
    const d = clone(derived)
    const g = d.glossary?.[2] as { definition: string } | undefined
    if (g === undefined) throw new Error("no glossary entry")
    g.definition = g.definition.replace(/^指/, "指省直")
    const news = added(baseline, checkDisclosure(d, state, known).findings)
    expect(news.map((f) => [f.rule, f.check, f.severity, f.knownDefect])).toEqual([
      ["R16", "glossary-level", "warning", 13],
    ])
  })
})
