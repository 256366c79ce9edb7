/**
 * R16: metadata agrees across the document — the year in every table title, the number of units in
 * 机构设置, table 11, table 12, section 八 and section 十, no placeholders in tables, and a glossary
 * written for this level of government.
 *
 * @module r16-metadata
 */
import type { Finding } from "../model/finding.ts"
import { countAfter } from "../narrative/extract.ts"
import { projectTree, table } from "../tables/views.ts"
import { finding, type Rule } from "./context.ts"
import { PLACEHOLDER } from "./r14-text.ts"

/** R16 over titles, unit counts, table cells and the glossary. @category rules */
export const r16: Rule = (ctx) => {
  const { doc, state } = ctx
  const out: Finding[] = []
  for (const t of doc.tables.values()) {
    const y = /^(\d{4})年/.exec(t.title)?.[1]
    if (y !== undefined && Number(y) !== doc.fiscalYear)
      out.push(
        finding(
          "R16",
          "title-year",
          { table: t.id },
          `table ${t.id} is titled for ${y}, the document for ${doc.fiscalYear}`,
          { expected: String(doc.fiscalYear), actual: y },
        ),
      )
    for (const r of t.rows) {
      const ph = r.cells.map((c) => PLACEHOLDER.exec(c)).find((m) => m !== null)
      if (ph)
        out.push(
          finding(
            "R16",
            "placeholder",
            { table: t.id, row: r.cells[0] ?? "" },
            `placeholder "${ph[0]}" in table ${t.id}`,
            { actual: ph[0] },
          ),
        )
    }
  }
  const overview = doc.overviewUnits
  if (
    overview?.count !== undefined &&
    overview.names.length > 0 &&
    overview.count !== overview.names.length
  ) {
    out.push(
      finding(
        "R16",
        "unit-count",
        { section: "机构设置" },
        `机构设置 says ${overview.count} units and names ${overview.names.length}`,
        { expected: String(overview.names.length), actual: String(overview.count) },
      ),
    )
  }
  const tree = projectTree(table(doc, "12"), doc.departmentName, ctx.unitNames)
  const units =
    state !== undefined && state.units.size > 0
      ? state.units.size
      : (overview?.count ?? (tree.units.length || undefined))
  const s8 = doc.narrative.find((s) => s.id === "八")
  const t11 = table(doc, "11")
  const said8 = s8 === undefined ? undefined : countAfter(s8.text, "下属", "家单位")
  if (said8 !== undefined && t11 !== undefined) {
    const rows = t11.rows.filter((r) => !["", "部门合计"].includes((r.cells[0] ?? "").trim())).length
    if (said8.value !== rows)
      out.push(
        finding(
          "R16",
          "t11-unit-count",
          { section: "八", table: "11" },
          `section 八 speaks of ${said8.text}家 units' 机关运行经费; table 11 lists ${rows} unit row(s)`,
          { expected: String(rows), actual: said8.text },
        ),
      )
  }
  const s10 = doc.narrative.find((s) => s.id === "十")
  const said10 = s10 === undefined ? undefined : countAfter(s10.text, "下属预算单位", "个")
  if (said10 !== undefined && units !== undefined && said10.value !== units)
    out.push(
      finding(
        "R16",
        "unit-count",
        { section: "十" },
        `section 十 counts ${said10.text} units, the department has ${units}`,
        { expected: String(units), actual: said10.text },
      ),
    )
  if (
    overview?.count !== undefined &&
    state !== undefined &&
    state.units.size > 0 &&
    overview.count !== state.units.size
  ) {
    out.push(
      finding(
        "R16",
        "unit-count",
        { section: "机构设置" },
        `机构设置 says ${overview.count} units, the ledger has ${state.units.size}`,
        { expected: String(state.units.size), actual: String(overview.count) },
      ),
    )
  }
  if (/[区县旗]/.test(doc.departmentName.slice(0, 8))) {
    for (const g of doc.glossary) {
      const m = /省直|省级部门|市直部门/.exec(g.text)
      if (m !== null)
        out.push(
          finding(
            "R16",
            "glossary-level",
            { section: "名词解释", row: g.term },
            `the glossary's "${g.term}" speaks of "${m[0]}" in a county-level document: text copied from another level`,
            { actual: m[0], severity: "warning" },
          ),
        )
    }
  }
  return out
}
