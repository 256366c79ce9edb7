// @ts-check
/**
 * A Shanghai district disclosure (`shanghai-district-9`) drawn in its own order: cover (预算主管部门,
 * 区级部门预算), 主要职能, 机构设置, 名词解释, 部门预算编制说明, the nine tables (元; table 9 in
 * 万元), 其他相关情况说明, 项目经费情况说明 and each 财政项目支出绩效目标申报表 — from the JSON only.
 */
import { tableView } from "./doc.js"
import { h } from "./dom.js"

/** @typedef {import("@ledger/projections").Disclosure} Disclosure */
/** @typedef {import("@ledger/projections").PerformanceTargetTable} PerformanceTargetTable */
/**
 * One cell of a {@link row}: its tag, its text and how many columns it spans.
 * @typedef {readonly [tag: "th" | "td", text?: string | undefined, span?: number]} Cell
 */

/**
 * A text's paragraphs, one `<p>` per line.
 * @param {string | undefined} text
 */
const paragraphs = (text) => (text ?? "").split("\n").map((p) => h("p", null, p))

/**
 * A table row of the given cells.
 * @param {...Cell} cells
 */
const row = (...cells) =>
  h(
    "tr",
    null,
    cells.map(([tag, text, span]) => h(tag, { colspan: span !== undefined && span > 1 && span }, text ?? "")),
  )

/**
 * One 财政项目支出绩效目标申报表.
 * @param {PerformanceTargetTable} p
 */
const formView = (p) => {
  /** @type {Partial<NonNullable<PerformanceTargetTable["fundsByOrigin"]>>} */
  const f = p.fundsByOrigin ?? {}
  return h(
    "section",
    { class: "performance", id: `targets-${p.projectId}` },
    h("h4", { class: "caption" }, p.title, h("br"), p.yearLabel),
    h(
      "table",
      { class: "sheet targets" },
      h(
        "tbody",
        null,
        row(
          ["th", "项目名称"],
          ["td", p.projectName],
          ["th", "项目性质"],
          ["td", p.life],
          ["th", "项目类别"],
          ["td", p.category],
        ),
        row(["th", "主管部门"], ["td", p.department, 2], ["th", "实施单位"], ["td", p.unitName, 2]),
        row(
          ["th", "计划开始日期"],
          ["td", p.plannedStart, 2],
          ["th", "计划完成日期"],
          ["td", p.plannedEnd, 2],
        ),
        row(
          ["th", "项目资金总额（元）"],
          ["td", f.total, 2],
          ["th", "年度资金申请总额（元）"],
          ["td", f.annualTotal, 2],
        ),
        row(
          ["th", "其中：财政资金"],
          ["td", f.fiscal, 2],
          ["th", "其中：当年财政拨款"],
          ["td", f.currentYear, 2],
        ),
        row(["th", ""], ["td", "", 2], ["th", "上年结转资金"], ["td", f.carryover, 2]),
        row(["th", "其他资金"], ["td", f.other, 2], ["th", "其他资金"], ["td", f.annualOther, 2]),
        row(
          ["th", "项目总体目标"],
          ["td", p.implementationGoal, 2],
          ["th", "年度总体目标"],
          ["td", p.annualGoal, 2],
        ),
        row(["th", "一级指标"], ["th", "二级指标"], ["th", "三级指标", 2], ["th", "年度(/项目)指标值", 2]),
        (p.indicators ?? []).map((i) =>
          row(["td", i.level1], ["td", i.level2], ["td", i.level3, 2], ["td", i.value, 2]),
        ),
      ),
    ),
  )
}

/**
 * The whole Shanghai document. `diff`: map of "table/row/col" → { old, new }.
 * @param {Disclosure} doc
 * @param {{ diff?: ReadonlyMap<string, import("@ledger/projections").CellChange> | undefined }} [options]
 */
export const shanghaiDocumentView = (doc, { diff } = {}) => {
  const name = doc.department.name
  const overview = doc.overview ?? {}
  const section = (/** @type {string} */ id) => doc.narrative.find((s) => s.id === id)
  const part = (/** @type {string} */ id) => {
    const s = section(id)
    return s === undefined
      ? null
      : h(
          "section",
          { class: "narrative", id: `section-${s.id}` },
          h("h2", { class: "part" }, s.title),
          paragraphs(s.text),
        )
  }
  return h(
    "article",
    { class: "document", "data-hash": doc.documentHash },
    h(
      "div",
      { class: "cover" },
      h("h1", null, `预算主管部门：${name}`),
      h("h1", null, `${doc.fiscalYear}年区级部门预算`),
    ),
    h(
      "nav",
      { class: "toc no-print", "aria-label": "目录" },
      h("strong", null, "目录 "),
      doc.tables.map((t) => h("a", { href: `#table-${t.id}`, title: t.title }, `${t.id}.`)),
    ),
    h("h2", { class: "part", id: "part-1" }, `${name}主要职能`),
    (overview.duties ?? []).map((t, i) => h("p", null, `${i + 1}.${t}`)),
    h("h2", { class: "part" }, `${name}机构设置`),
    paragraphs(overview.organization),
    h("h2", { class: "part", id: "part-4" }, "名词解释"),
    doc.glossary.map((g) => h("p", null, `（${g.id}）${g.term}：${g.definition}`)),
    part("四"),
    doc.tables.map((t) => tableView(t, doc, diff)),
    part("六"),
    part("七"),
    doc.performanceTargets.map(formView),
  )
}
