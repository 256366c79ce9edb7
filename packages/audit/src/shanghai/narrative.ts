/**
 * R14 for the Shanghai layout: every figure of 部门预算编制说明 and 其他相关情况说明 that restates a
 * table — income and expenditure by class and budget, each “…（类）…（款）…（项）” amount, the
 * “三公” items, 机关运行经费 — equals the table it comes from (in 万元, rounded from the 元 cells),
 * and with the ledger the 政府采购 figures equal the procurement lines.
 *
 * @module shanghai/narrative
 */
import type { Codes } from "@ledger/domain"
import { type BudgetState, Money } from "@ledger/domain"
import type { AuditDocument, Section } from "../model/document.ts"
import type { Finding } from "../model/finding.ts"
import { compareAmounts, type Rule } from "../rules/context.ts"
import { currentLines, wanOf } from "../util/ledger.ts"
import { t9Row } from "./three-public.ts"
import { byLabel, cell, childrenOf, coded } from "./views.ts"

/** A figure the text states, and where the table holds it (in 元 or, for table 9, 万元). */
interface Claim {
  readonly what: string
  readonly pattern: RegExp
  readonly table: (doc: AuditDocument) => Money.Money | undefined
  readonly inWan?: boolean
}

const wan = (yuan: Money.Money): Money.Money => Money.make(Money.toWan(yuan))
const t1 = (doc: AuditDocument, label: string, col: number) =>
  cell(byLabel(doc.tables.get("1"), 0, label), col)
const t4Total = (doc: AuditDocument, col: number) => cell(byLabel(doc.tables.get("4"), 0, "收入总计"), col)
const t9 = (col: number) => (doc: AuditDocument) => {
  const row = t9Row(doc)
  return row === undefined ? undefined : cell(row, col)
}

const BUDGET_CLAIMS: ReadonlyArray<Claim> = [
  { what: "收入预算", pattern: /收入预算(\d+(?:\.\d+)?)万元/, table: (d) => t1(d, "收入总计", 1) },
  {
    what: "财政拨款收入",
    pattern: /财政拨款收入(\d+(?:\.\d+)?)万元/,
    table: (d) => t1(d, "财政拨款收入", 1),
  },
  { what: "事业收入", pattern: /[；，]事业收入(\d+(?:\.\d+)?)万元/, table: (d) => t1(d, "事业收入", 1) },
  {
    what: "事业单位经营收入",
    pattern: /事业单位经营收入(\d+(?:\.\d+)?)万元/,
    table: (d) => t1(d, "事业单位经营收入", 1),
  },
  { what: "其他收入", pattern: /其他收入(\d+(?:\.\d+)?)万元/, table: (d) => t1(d, "其他收入", 1) },
  { what: "支出预算", pattern: /(?:^|\n|。)支出预算(\d+(?:\.\d+)?)万元/, table: (d) => t1(d, "收入总计", 3) },
  { what: "财政拨款支出预算", pattern: /财政拨款支出预算(\d+(?:\.\d+)?)万元/, table: (d) => t4Total(d, 3) },
  {
    what: "一般公共预算拨款支出预算",
    pattern: /一般公共预算拨款支出预算(\d+(?:\.\d+)?)万元/,
    table: (d) => t4Total(d, 4),
  },
  {
    what: "政府性基金拨款支出预算",
    pattern: /政府性基金拨款支出预算(\d+(?:\.\d+)?)万元/,
    table: (d) => t4Total(d, 5),
  },
  {
    what: "国有资本经营预算拨款支出预算",
    pattern: /国有资本经营预算拨款支出预算(\d+(?:\.\d+)?)万元/,
    table: (d) => t4Total(d, 6),
  },
]

const OTHER_CLAIMS: ReadonlyArray<Claim> = [
  { what: "“三公”经费", pattern: /“三公”经费预算数为(\d+(?:\.\d+)?)万元/, table: t9(0), inWan: true },
  { what: "因公出国（境）费", pattern: /因公出国（境）费(\d+(?:\.\d+)?)万元/, table: t9(1), inWan: true },
  { what: "公务接待费", pattern: /公务接待费(\d+(?:\.\d+)?)万元/, table: t9(2), inWan: true },
  {
    what: "公务用车购置及运行费",
    pattern: /公务用车购置及运行费(\d+(?:\.\d+)?)万元/,
    table: t9(3),
    inWan: true,
  },
  { what: "公务用车购置费", pattern: /公务用车购置费(\d+(?:\.\d+)?)万元/, table: t9(4), inWan: true },
  { what: "公务用车运行费", pattern: /公务用车运行费(\d+(?:\.\d+)?)万元/, table: t9(5), inWan: true },
  { what: "机关运行经费", pattern: /机关运行经费预算为(\d+(?:\.\d+)?)万元/, table: t9(6), inWan: true },
]

const check = (doc: AuditDocument, s: Section, claims: ReadonlyArray<Claim>): Finding[] =>
  claims.flatMap((c) => {
    const m = c.pattern.exec(s.text)
    const held = c.table(doc)
    if (m?.[1] === undefined || held === undefined) return []
    const expected = c.inWan === true ? held : wan(held)
    return compareAmounts(
      "R14",
      "sh-narrative-figure",
      { section: s.id, row: c.what },
      `${s.title}: ${c.what}`,
      expected,
      Money.make(m[1]),
    )
  })

/** Each “A（类）B（款）C（项）”X万元 of 编制说明 = the 财政拨款 of that 项 (tables 5–7). */
const itemClaims = (doc: AuditDocument, s: Section): Finding[] =>
  [...s.text.matchAll(/“([^“”]+?)（类）([^“”]+?)（款）([^“”]+?)（项）”(\d+(?:\.\d+)?)万元/g)].flatMap((m) => {
    const [, cls, kuan, xiang, figure] = m as unknown as [string, string, string, string, string]
    const held = ["5", "6", "7"].map((id) => {
      const rows = coded(doc.tables.get(id), 3).rows
      const c = rows.find((r) => r.level === 1 && r.name === cls)
      const k = c === undefined ? undefined : childrenOf(rows, c).find((r) => r.name === kuan)
      const x = k === undefined ? undefined : childrenOf(rows, k).find((r) => r.name === xiang)
      return cell(x?.row, 4)
    })
    return compareAmounts(
      "R14",
      "sh-narrative-item",
      { section: s.id, row: `${cls}/${kuan}/${xiang}` },
      `${s.title}: ${xiang}（项）`,
      wan(Money.sum(held)),
      Money.make(figure),
    )
  })

const PROCUREMENT: ReadonlyArray<readonly [string, RegExp, Codes.ProcurementCategory | undefined]> = [
  ["政府采购预算", /政府采购预算(\d+(?:\.\d+)?)万元/, undefined],
  ["政府采购货物预算", /政府采购货物预算(\d+(?:\.\d+)?)万元/, "goods"],
  ["政府采购工程预算", /政府采购工程预算(\d+(?:\.\d+)?)万元/, "works"],
  ["政府采购服务预算", /政府采购服务预算(\d+(?:\.\d+)?)万元/, "services"],
]

/** With the ledger: the 政府采购 figures = the procurement lines of each category. */
const procurement = (s: Section, state: BudgetState.BudgetState): Finding[] =>
  PROCUREMENT.flatMap(([what, re, cat]) => {
    const m = re.exec(s.text)
    if (m?.[1] === undefined) return []
    const ledger = wanOf(
      currentLines(state),
      (l) => l.line.procurement !== undefined && (cat === undefined || l.line.procurement === cat),
    )
    return compareAmounts(
      "R14",
      "sh-procurement",
      { section: s.id, row: what },
      `${s.title}: ${what}`,
      ledger,
      Money.make(m[1]),
    )
  })

/** R14 over the Shanghai narrative. */
export const shR14: Rule = ({ doc, state }) =>
  doc.narrative.flatMap((s) => {
    if (s.title.includes("预算编制说明")) return [...check(doc, s, BUDGET_CLAIMS), ...itemClaims(doc, s)]
    if (s.title.includes("其他相关情况说明"))
      return [...check(doc, s, OTHER_CLAIMS), ...(state === undefined ? [] : procurement(s, state))]
    return []
  })
