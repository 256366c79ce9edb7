/**
 * R4 (the 类/款/项 hierarchy of the coded tables, and 合计 = 基本 + 项目 / Σ sources per row) and
 * R5 (T3 = T2 本年收入 + T2 上年结转, code by code).
 *
 * @module r04-r05
 */
import { Money } from "@ledger/domain"
import type { Finding } from "../model/finding.ts"
import type { Table } from "../model/document.ts"
import { at, codedRows, rowLabel, table } from "../tables/views.ts"
import { cellPlace, compareAmounts, type Rule } from "./context.ts"

/** The amount columns of the coded tables, and the columns whose sum is column 2 (合计). @category models */
const CODED: ReadonlyArray<{ id: string; amountCols: number[]; parts: number[] }> = [
  { id: "2", amountCols: [2, 3, 4, 5, 6, 7, 8], parts: [3, 4, 5, 6, 7] },
  { id: "3", amountCols: [2, 3, 4], parts: [3, 4] },
  { id: "5", amountCols: [2, 3, 4], parts: [3, 4] },
  { id: "8", amountCols: [2, 3, 4], parts: [3, 4] },
]

const hierarchy = (id: string, t: Table, amountCols: number[], parts: number[]): Finding[] => {
  const out: Finding[] = []
  const { total, rows } = codedRows(t)
  const children = (code: string) =>
    code === ""
      ? rows.filter((r) => r.code.length === 3)
      : rows.filter((r) => r.code.length === code.length + 2 && r.code.startsWith(code))
  const parents = [
    ...(total ? [{ ...total, code: "", name: "合计" }] : []),
    ...rows.filter((r) => r.code.length < 7),
  ]
  for (const p of parents) {
    const kids = children(p.code)
    if (kids.length === 0) continue
    for (const col of amountCols) {
      const label = p.code === "" ? "合计" : `${p.code} ${p.name}`
      out.push(
        ...compareAmounts(
          "R4",
          "hierarchy",
          cellPlace(id, label, col),
          `${label} = Σ its ${kids.length} sub-items`,
          Money.sum(kids.map((k) => at(k.row, col))),
          at(p.row, col),
          kids.length,
        ),
      )
    }
  }
  for (const r of [...(total ? [{ ...total }] : []), ...rows]) {
    const label = rowLabel(r.row)
    out.push(
      ...compareAmounts(
        "R4",
        "row-sum",
        cellPlace(id, label, 2),
        `${label}: 合计 = Σ ${parts.length === 2 ? "基本 + 项目" : "income sources"}`,
        Money.sum(parts.map((c) => at(r.row, c))),
        at(r.row, 2),
        parts.length,
      ),
    )
  }
  return out
}

/** R4: every 类 = Σ 款, 款 = Σ 项, 合计 = Σ 类, and every row's 合计 = Σ its split, within 尾差. @category rules */
export const r4: Rule = ({ doc }) =>
  CODED.flatMap(({ id, amountCols, parts }) => {
    const t = table(doc, id)
    return t === undefined ? [] : hierarchy(id, t, amountCols, parts)
  })

/** R5: for every code (and 合计), T3 合计 = T2 本年收入 合计 + T2 上年结转. @category rules */
export const r5: Rule = ({ doc }) => {
  const t2 = codedRows(table(doc, "2"))
  const t3 = codedRows(table(doc, "3"))
  if (table(doc, "2") === undefined || table(doc, "3") === undefined) return []
  const out: Finding[] = []
  const t2by = new Map(t2.rows.map((r) => [r.code, r.row]))
  const t3by = new Map(t3.rows.map((r) => [r.code, r.row]))
  const codes = new Set([...t2by.keys(), ...t3by.keys()])
  const check = (label: string, r2: (typeof t2.rows)[number]["row"] | undefined, r3: typeof r2) =>
    compareAmounts(
      "R5",
      "t3-t2-code",
      cellPlace("3", label, 2),
      `T3 ${label} = T2 本年收入 + 上年结转`,
      Money.add(at(r2, 2), at(r2, 8)),
      at(r3, 2),
      2,
    )
  out.push(...check("合计", t2.total?.row, t3.total?.row))
  for (const code of codes) {
    const name =
      t3.rows.find((r) => r.code === code)?.name ?? t2.rows.find((r) => r.code === code)?.name ?? ""
    out.push(...check(`${code} ${name}`, t2by.get(code), t3by.get(code)))
  }
  return out
}
