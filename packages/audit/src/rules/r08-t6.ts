/**
 * R8: table 6 (basic expenditure by economic class) — its total is T5 基本支出, classes add up,
 * 人员经费 and 公用经费 are the lines flagged so; plus the soft cross-links between economic lines
 * and functional codes (warnings: one economic line may spread over several functional codes).
 *
 * @module r08-t6
 */
import { Money } from "@ledger/domain"
import { Result } from "effect"
import type { Finding } from "../model/finding.ts"
import type { Row } from "../model/document.ts"
import { at, codedRows, table } from "../tables/views.ts"
import { lines, wanOf } from "../util/ledger.ts"
import { cellPlace, compareAmounts, compareWithLedger, type Rule, type RuleContext } from "./context.ts"

/** A T6 row with the department economic code it stands for, when known. @category models */
interface T6Row {
  readonly row: Row
  readonly name: string
  readonly code: string | undefined
  readonly isClass: boolean
}

const LINK_CODES = [
  "301",
  "302",
  "303",
  "309",
  "310",
  "30108",
  "30109",
  "30110",
  "30111",
  "30113",
  "30301",
  "30302",
]

const t6Rows = (ctx: RuleContext): { total: Row | undefined; rows: T6Row[] } => {
  const t = table(ctx.doc, "6")
  const byName = new Map<string, string>()
  for (const code of LINK_CODES) {
    const n = ctx.taxonomy?.deptEconomicName(code)
    if (n !== undefined && Result.isSuccess(n)) byName.set(n.success, code)
  }
  let total: Row | undefined
  const rows: T6Row[] = []
  for (const row of t?.rows ?? []) {
    const name = (row.cells[0] ?? "").trim()
    if (name === "合计") total = row
    else if (name !== "") {
      const fromCodes = Object.values(row.codes ?? {}).find((v) => /^3\d{2}(\d{2})?$/.test(v))
      const code = fromCodes ?? byName.get(name)
      rows.push({
        row,
        name,
        code,
        isClass: code !== undefined ? code.length === 3 : (row.cells[1] ?? "").trim() === "",
      })
    }
  }
  return { total, rows }
}

/**
 * The 人员/公用 split of T6's 合计. A line's own flag decides it, never its economic code (a region
 * may book part of 303 as 公用, domain.md §3): with the ledger, each column is compared with the
 * flagged current-year 一般公共预算 basic lines. From the document alone, 人员 = 301 + 303 and 公用 =
 * 302 + 310 is only the usual booking, so a difference is a warning.
 */
const split = (ctx: RuleContext, classes: ReadonlyArray<{ c: T6Row }>, total: Row | undefined): Finding[] => {
  const state = ctx.state
  if (state !== undefined && state.lines.size > 0) {
    const flagged = (category: "personnel" | "public") =>
      wanOf(
        lines(state),
        (l) =>
          l.vintage === "current" &&
          l.line.fundingSource === "general-budget" &&
          l.line.expenditure.kind === "basic" &&
          l.line.expenditure.category === category,
      )
    return [
      ...compareWithLedger(
        "R8",
        "t6-personnel",
        cellPlace("6", "合计", 3),
        "人员经费 = the basic lines flagged 人员",
        flagged("personnel"),
        at(total, 3),
      ),
      ...compareAmounts(
        "R8",
        "t6-public",
        cellPlace("6", "合计", 4),
        "公用经费 = the basic lines flagged 公用",
        flagged("public"),
        at(total, 4),
      ),
    ]
  }
  if (!classes.some((k) => k.c.code !== undefined)) return []
  const classAmount = (...codes: string[]) =>
    Money.sum(classes.filter((k) => codes.includes(k.c.code ?? "")).map((k) => at(k.c.row, 2)))
  return [
    ...compareAmounts(
      "R8",
      "t6-personnel",
      cellPlace("6", "合计", 3),
      "人员经费 ≈ 工资福利支出 + 对个人和家庭的补助 (the usual booking; each line's flag decides)",
      classAmount("301", "303"),
      at(total, 3),
      2,
      "warning",
    ),
    ...compareAmounts(
      "R8",
      "t6-public",
      cellPlace("6", "合计", 4),
      "公用经费 ≈ 商品和服务支出 + 资本性支出 (the usual booking; each line's flag decides)",
      classAmount("302", "310"),
      at(total, 4),
      2,
      "warning",
    ),
  ]
}

/** R8: T6 totals, class sums, the 人员/公用 split and soft cross-links to functional codes. @category rules */
export const r8: Rule = (ctx) => {
  if (table(ctx.doc, "6") === undefined) return []
  const out: Finding[] = []
  const { total, rows } = t6Rows(ctx)
  const t5total = codedRows(table(ctx.doc, "5")).total?.row
  if (table(ctx.doc, "5") !== undefined)
    out.push(
      ...compareAmounts(
        "R8",
        "t6-t5",
        cellPlace("6", "合计", 2),
        "T6 合计 = T5 基本支出",
        at(t5total, 3),
        at(total, 2),
      ),
    )
  const classes: Array<{ c: T6Row; items: T6Row[] }> = []
  for (const r of rows) {
    if (r.isClass) classes.push({ c: r, items: [] })
    else classes[classes.length - 1]?.items.push(r)
  }
  for (const col of [2, 3, 4]) {
    out.push(
      ...compareAmounts(
        "R8",
        "t6-sum",
        cellPlace("6", "合计", col),
        "T6 合计 = Σ classes",
        Money.sum(classes.map((k) => at(k.c.row, col))),
        at(total, col),
        classes.length,
      ),
    )
    for (const k of classes) {
      if (k.items.length === 0) continue
      out.push(
        ...compareAmounts(
          "R8",
          "t6-class",
          cellPlace("6", k.c.name, col),
          `${k.c.name} = Σ its items`,
          Money.sum(k.items.map((i) => at(i.row, col))),
          at(k.c.row, col),
          k.items.length,
        ),
      )
    }
  }
  for (const r of [...(total ? [{ row: total, name: "合计" }] : []), ...rows]) {
    out.push(
      ...compareAmounts(
        "R8",
        "t6-row",
        cellPlace("6", r.name, 2),
        `${r.name}: 合计 = 人员经费 + 公用经费`,
        Money.add(at(r.row, 3), at(r.row, 4)),
        at(r.row, 2),
        2,
      ),
    )
  }
  out.push(...split(ctx, classes, total))
  out.push(...crossLinks(ctx, rows))
  return out
}

/** Soft links between economic lines (T6) and functional codes (T5): warnings only. @category rules */
const crossLinks = (ctx: RuleContext, rows: ReadonlyArray<T6Row>): Finding[] => {
  const t5 = codedRows(table(ctx.doc, "5"))
  if (t5.rows.length === 0) return []
  const eco = (...codes: string[]) =>
    Money.sum(rows.filter((r) => codes.includes(r.code ?? "")).map((r) => at(r.row, 2)))
  const fn = (...codes: string[]) =>
    Money.sum(t5.rows.filter((r) => codes.includes(r.code)).map((r) => at(r.row, 3)))
  const links: ReadonlyArray<{ check: string; eco: string[]; fn: string[]; what: string }> = [
    {
      check: "t6-link-pension",
      eco: ["30108"],
      fn: ["2080505"],
      what: "机关事业单位基本养老保险缴费 (30108) ≈ 2080505",
    },
    { check: "t6-link-annuity", eco: ["30109"], fn: ["2080506"], what: "职业年金缴费 (30109) ≈ 2080506" },
    { check: "t6-link-housing", eco: ["30113"], fn: ["2210201"], what: "住房公积金 (30113) ≈ 2210201" },
    {
      check: "t6-link-medical",
      eco: ["30110", "30111"],
      fn: ["21011"],
      what: "医疗保险缴费 (30110 + 30111) ≈ 21011 行政事业单位医疗",
    },
    {
      check: "t6-link-retirement",
      eco: ["30301", "30302"],
      fn: ["2080501", "2080502"],
      what: "离退休费 (30301 + 30302) ≈ 2080501 + 2080502",
    },
  ]
  const out: Finding[] = []
  for (const l of links) {
    const e = eco(...l.eco)
    const f = fn(...l.fn)
    if (Money.isZero(e) && Money.isZero(f)) continue
    out.push(
      ...compareAmounts(
        "R8",
        l.check,
        { table: "6", row: l.eco.join("+"), column: "合计" },
        `soft link ${l.what}`,
        f,
        e,
        2,
        "warning",
      ),
    )
  }
  return out
}
