// @ts-check
/**
 * The disclosure drawn as the document people know: cover, 概况, the 13 tables, 情况说明 with the
 * two charts, the 绩效目标表 and 名词解释 — from the `budget-disclosure/v1` JSON only. Amount cells
 * carry their coordinates (`data-cell="table/row/col"`) so a click or Enter opens their provenance;
 * in a diff, changed cells show old → new.
 */
import { chartSvg } from "./charts.js"
import { shanghaiDocumentView } from "./doc-shanghai.js"
import { h } from "./dom.js"

/** @typedef {import("@ledger/projections").Disclosure} Disclosure */
/** @typedef {import("@ledger/projections").DisclosureTable} DisclosureTable */
/** @typedef {import("@ledger/projections").DisclosureRow} DisclosureRow */
/** @typedef {import("@ledger/projections").PerformanceTargetTable} PerformanceTargetTable */
/** @typedef {import("@ledger/projections").DisclosureDiff} DisclosureDiff */
/**
 * Changed cells by "table/row/col".
 * @typedef {ReadonlyMap<string, import("@ledger/projections").CellChange>} CellDiff
 */
/**
 * A header cell with the rows and columns it spans.
 * @typedef {{ text: string, row: number, rowspan: number, colspan: number }} HeaderCell
 */

const NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
/** 1 → 一 … 19 → 十九 (the numerals the sub-headings print); past that, digits. */
const numeral = (/** @type {number} */ n) =>
  n <= 10 ? NUMERALS[n - 1] : n < 20 ? `十${NUMERALS[n - 11]}` : String(n)

/**
 * Header rows with `""` for merged cells become th cells with rowspan/colspan: a blank under a
 * single-column cell extends it down, any other blank extends the cell on its left.
 * @param {DisclosureTable["header"]} header
 * @returns {Array<Array<HeaderCell>>}
 */
const headerRows = (header) => {
  const width = Math.max(0, ...header.map((r) => r.length))
  /** @type {Array<Array<HeaderCell | null>>} */
  const grid = header.map(() => new Array(width).fill(null))
  /** @type {Array<Array<HeaderCell>>} */
  const rows = header.map(() => [])
  header.forEach((row, r) => {
    const here = /** @type {Array<HeaderCell | null>} */ (grid[r])
    const out = /** @type {Array<HeaderCell>} */ (rows[r])
    for (let c = 0; c < width; c++) {
      const text = row[c] ?? ""
      if (text === "") {
        const above = r > 0 ? grid[r - 1]?.[c] : null
        if (above && above.colspan === 1 && above.row + above.rowspan === r) {
          above.rowspan += 1
          here[c] = above
          continue
        }
        const left = c > 0 ? here[c - 1] : null
        if (left && left.row === r && left.rowspan === 1) {
          left.colspan += 1
          here[c] = left
          continue
        }
      }
      const cell = { text, row: r, rowspan: 1, colspan: 1 }
      here[c] = cell
      out.push(cell)
    }
  })
  return rows
}

/**
 * Whether cell c of a row is an amount (it has budget lines behind it, possibly none).
 * @param {DisclosureRow} row
 * @param {number} c
 */
const isAmount = (row, c) => Array.isArray(row.cellLines) && Array.isArray(row.cellLines[c])

/**
 * The label before the department above each table, by template (as the published documents print it).
 * @type {Readonly<Record<string, string>>}
 */
const DEPARTMENT_LABEL = { "shanghai-district-9": "编制部门" }

/**
 * One table: title, department and unit line, header and rows.
 * @param {DisclosureTable} t
 * @param {Pick<Disclosure, "template" | "department">} doc
 * @param {CellDiff} [diff]
 */
export const tableView = (t, doc, diff) =>
  h(
    "section",
    { class: "table", id: `table-${t.id}` },
    h("h3", { class: "caption" }, t.title),
    h(
      "div",
      { class: "meta" },
      h("span", null, `${DEPARTMENT_LABEL[doc.template] ?? "部门名称"}：${doc.department.name}`),
      h("span", null, `单位：${t.unit}`),
    ),
    h(
      "table",
      { class: "sheet" },
      h(
        "thead",
        null,
        headerRows(t.header).map((cells) =>
          h(
            "tr",
            null,
            cells.map((c) =>
              h("th", { rowspan: c.rowspan > 1 && c.rowspan, colspan: c.colspan > 1 && c.colspan }, c.text),
            ),
          ),
        ),
      ),
      h(
        "tbody",
        null,
        t.rows.map((row, r) =>
          h(
            "tr",
            { class: row.kind ? `k-${row.kind}` : null },
            row.cells.map((text, c) => {
              const change = diff?.get(`${t.id}/${r}/${c}`)
              const amount = isAmount(row, c)
              const content = change
                ? [h("del", null, change.old || "（空）"), " → ", h("ins", null, change.new || "（空）")]
                : text
              return h(
                "td",
                {
                  class: [amount ? "amount" : "", change ? "changed" : ""].join(" ").trim() || null,
                  "data-cell": amount ? `${t.id}/${r}/${c}` : null,
                  tabindex: amount ? 0 : null,
                  title: amount ? "点击查看数据来源" : null,
                },
                content,
              )
            }),
          ),
        ),
      ),
    ),
    t.notes.map((n) => h("p", { class: "note" }, n)),
  )

/**
 * A 项目资金 / 年度资金 row: the funds by level of government.
 * @param {string} label
 * @param {PerformanceTargetTable["annualFunds"]} f
 */
const funds = (label, f) =>
  h(
    "tr",
    null,
    h("th", null, label),
    h(
      "td",
      { colspan: 5 },
      `总额 ${f.total}；中央 ${f.central}；省级 ${f.provincial}；本级 ${f.local}；自筹 ${f.selfRaised}${f.other ? `；其他 ${f.other}` : ""}`,
    ),
  )

/**
 * A labelled row spanning the form.
 * @param {string} label
 * @param {string | undefined} value
 */
const field = (label, value) => h("tr", null, h("th", null, label), h("td", { colspan: 5 }, value ?? ""))

/**
 * One 项目支出绩效目标表.
 * @param {PerformanceTargetTable} p
 */
const performanceView = (p) =>
  h(
    "section",
    { class: "performance", id: `targets-${p.projectId}` },
    h("h4", { class: "caption" }, p.title, h("br"), p.yearLabel),
    h(
      "table",
      { class: "sheet targets" },
      h(
        "tbody",
        null,
        field("项目名称", p.projectName),
        field("主管部门", p.department),
        field("实施单位", p.unitName),
        field("项目属性", p.life),
        field("项目期", p.period),
        funds("项目资金", p.implementationFunds),
        funds("年度资金", p.annualFunds),
        field("项目概况", p.overview),
        field("立项依据", p.basis),
        field("必要性", p.necessity),
        field("实施措施", p.measures),
        field("实施计划", p.plan),
        field("总体目标", p.implementationGoal),
        field("年度目标", p.annualGoal),
        h(
          "tr",
          null,
          ["一级指标", "二级指标", "三级指标", "指标值", "年度三级指标", "年度指标值"].map((x) =>
            h("th", null, x),
          ),
        ),
        (p.indicators ?? []).map((i) =>
          h(
            "tr",
            null,
            [i.level1, i.level2, i.level3, i.value, i.annualLevel3, i.annualValue].map((x) =>
              h("td", null, x ?? ""),
            ),
          ),
        ),
        field("项目负责人 / 经办人 / 电话", [p.responsible, p.handler, p.phone].filter(Boolean).join(" / ")),
        field("填报时间", p.filledAt),
      ),
    ),
  )

/**
 * The whole document. `diff`: map of "table/row/col" → { old, new } for cells to highlight;
 * `narrativeDiff`: map of section id → { old, new }.
 * @param {Disclosure} doc
 * @param {{ diff?: CellDiff, narrativeDiff?: ReadonlyMap<string, DisclosureDiff["narrative"][number]> }} [options]
 */
export const documentView = (doc, { diff, narrativeDiff } = {}) => {
  if (doc.template === "shanghai-district-9") return shanghaiDocumentView(doc, { diff })
  const y = doc.fiscalYear
  const overview = doc.overview ?? {}
  return h(
    "article",
    { class: "document", "data-hash": doc.documentHash },
    h("div", { class: "cover" }, h("h1", null, doc.department.name), h("h1", null, `${y}年度部门预算公开`)),
    h(
      "nav",
      { class: "toc no-print", "aria-label": "目录" },
      h("strong", null, "目录 "),
      h("a", { href: "#part-1" }, "概况"),
      doc.tables.map((t) => h("a", { href: `#table-${t.id}`, title: t.title }, `表${t.id}`)),
      h("a", { href: "#part-3" }, "情况说明"),
      h("a", { href: "#part-4" }, "名词解释"),
    ),
    h("h2", { class: "part", id: "part-1" }, "第一部分 概况"),
    h("h3", null, "一、本部门职责"),
    (overview.duties ?? []).map((t, i) => h("p", null, `（${numeral(i + 1)}）${t}`)),
    h("h3", null, "二、机构设置情况"),
    h("p", null, overview.organization ?? ""),
    h("h2", { class: "part", id: "part-2" }, `第二部分 ${y}年部门预算报表`),
    doc.tables.map((t) => tableView(t, doc, diff)),
    h("h2", { class: "part", id: "part-3" }, `第三部分 ${y}年度部门预算情况说明`),
    doc.narrative.map((sec) => {
      const change = narrativeDiff?.get(sec.id)
      return h(
        "section",
        { class: change ? "narrative changed" : "narrative", id: `section-${sec.id}` },
        h("h3", null, `${sec.id}、${sec.title}`),
        change
          ? [
              h("p", { class: "old" }, h("del", null, change.old)),
              h("p", { class: "new" }, h("ins", null, change.new)),
            ]
          : sec.text.split("\n").map((p) => h("p", null, p)),
        (sec.charts ?? []).map((c) => h("figure", null, chartSvg(c), h("figcaption", null, c.title))),
        sec.id === "十" ? doc.performanceTargets.map(performanceView) : null,
      )
    }),
    h("h2", { class: "part", id: "part-4" }, "第四部分 名词解释"),
    doc.glossary.map((g) => h("p", null, `${g.id}、${g.term}：${g.definition}`)),
  )
}
