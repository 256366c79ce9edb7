// @ts-check
/**
 * The 数据来源 panel of one printed cell: the budget lines behind it, each line's amount in 元 and
 * the events that made it (type, amount, 文号, actor, business and recording time, hash), the exact
 * sum and how it rounds to the printed 万元 figure.
 */
/* global document */
import { asOfQuery, call, dy, problemText } from "./api.js"
import { h, replace, shortHash, when } from "./dom.js"
import { asOfName, expenditureName, FUNDING, typeName } from "./labels.js"
import { lineLabel, namesOf } from "./names.js"

/** @typedef {import("@ledger/projections").CellProvenance} CellProvenance */
/** @typedef {NonNullable<CellProvenance["lines"][number]["origin"]>} Origin */
/** @typedef {import("./app.js").ViewContext} ViewContext */

/** The side panel the page always has (`#panel`). */
const panel = () => /** @type {HTMLElement} */ (document.getElementById("panel"))
/**
 * The element that had focus when the panel opened: focus goes back to it on close.
 * @type {HTMLElement | null}
 */
let opener = null

/** Closes the panel and returns focus to the cell that opened it. */
export const closePanel = () => {
  const p = panel()
  p.hidden = true
  replace(p)
  document.querySelectorAll("td.selected").forEach((td) => td.classList.remove("selected"))
  opener?.focus()
  opener = null
}

/**
 * Where a 上年结转 line came from: the origin year's line, its events and the 年终结转 that carried it.
 * @param {ViewContext} ctx
 * @param {Origin} o
 */
const originOf = (ctx, o) =>
  h(
    "div",
    { class: "origin small", "data-origin-year": o.year },
    h(
      "div",
      null,
      `结转自 ${o.year} 年度指标 `,
      h("code", null, o.lineId),
      ` · 原指标 ${o.amount} 元 · 年终结转 ${o.closedAmount} 元 `,
      h(
        "button",
        {
          type: "button",
          class: "link",
          onclick: () => ctx.go({ year: String(o.year), view: "doc", asOf: "published" }),
        },
        `打开 ${o.year} 年度`,
      ),
    ),
    h(
      "ul",
      { class: "contrib" },
      /** @type {ReadonlyArray<{ type: string, amount?: string, event: Origin["yearEndClose"][number] }>} */ ([
        ...o.contributions,
        ...o.yearEndClose.map((e) => ({ type: "YearEndClosed", event: e })),
      ]).map((c) =>
        h(
          "li",
          { class: "muted" },
          `${o.year} · ${c.type === "YearEndClosed" ? "年终结转" : typeName(c.type)}${c.amount ? ` ${c.amount} 元` : ""} · 事件 ${c.event.eventId ?? c.event.version} · 业务日期 ${c.event.occurredAt ?? ""}`,
        ),
      ),
    ),
  )

/**
 * Opens the provenance of cell "table/row/col" as of a point.
 * @param {ViewContext} ctx
 * @param {string} cell
 * @param {string} asOf
 */
export const openProvenance = async (ctx, cell, asOf) => {
  const [table, row, col] = cell.split("/")
  const s = ctx.state
  const p = panel()
  opener = /** @type {HTMLElement | null} */ (document.activeElement)
  document.querySelectorAll("td.selected").forEach((td) => td.classList.remove("selected"))
  document
    .querySelector(`[data-as-of="${CSS.escape(asOf)}"] td[data-cell="${cell}"]`)
    ?.classList.add("selected")
  p.hidden = false
  replace(p, h("p", { class: "muted" }, "正在追溯……"))
  const [r, names] = await Promise.all([
    call(dy(s.dept, s.year, `/disclosure/cells/${table}/${row}/${col}${asOfQuery(asOf)}`)),
    namesOf(ctx),
  ])
  const close = h(
    "button",
    { type: "button", class: "close", "aria-label": "关闭（Esc）", onclick: closePanel },
    "×",
  )
  if (!r.ok) {
    replace(p, close, h("div", { class: "notice error" }, problemText(r.problem)))
    return
  }
  /** @type {CellProvenance} */
  const v = r.data
  replace(
    p,
    close,
    h("h2", null, "数据来源"),
    h("p", { class: "muted small" }, `${v.tableTitle} · ${asOfName(asOf)}`),
    h(
      "dl",
      { class: "facts" },
      h("dt", null, "行"),
      h("dd", null, v.rowLabel),
      h("dt", null, "列"),
      h("dd", null, v.column),
      h("dt", null, `印刷值（${v.unit}）`),
      h("dd", { class: "num", id: "prov-printed" }, v.printed || "（空）"),
      h("dt", null, "明细合计（元）"),
      h("dd", { class: "num", id: "prov-sum" }, v.sumYuan),
      h("dt", null, "精确值（万元）"),
      h("dd", { class: "num" }, v.exactWan),
      h("dt", null, "四舍五入"),
      h("dd", { class: "num" }, `${v.roundedWan}（尾差 ${v.roundingYuan} 元）`),
      h("dt", null, "与印刷值"),
      h("dd", { class: v.matchesPrinted ? "ok" : "bad" }, v.matchesPrinted ? "一致" : "不一致"),
    ),
    h("h3", null, `预算指标 ${v.lines.length} 条`),
    v.lines.length === 0 ? h("p", { class: "muted" }, "该单元格没有对应的预算指标（金额为零）。") : null,
    h(
      "ol",
      { class: "lines" },
      v.lines.map((l) =>
        h(
          "li",
          null,
          h(
            "div",
            { class: "line-head" },
            lineLabel(l, names),
            h("span", { class: "num" }, `${l.amount} 元`),
          ),
          h(
            "div",
            { class: "muted small" },
            `${FUNDING[l.fundingSource] ?? l.fundingSource} · 功能科目 ${l.functionCode} · ${expenditureName(l.expenditure)} · 单位 ${l.unitCode} · ${l.vintage === "current" ? "当年" : "上年结转"}`,
          ),
          h(
            "ul",
            { class: "contrib" },
            l.contributions.map((c) =>
              h(
                "li",
                null,
                h(
                  "div",
                  null,
                  h(
                    "button",
                    {
                      type: "button",
                      class: "link",
                      title: "查看截至此事件的文档",
                      onclick: () =>
                        ctx.go({ asOf: String(c.event.position ?? c.event.version), view: "doc" }),
                    },
                    `#${c.event.position ?? c.event.version} ${typeName(c.type)}`,
                  ),
                  " ",
                  h("span", { class: "num" }, `${c.amount} 元`),
                  c.documentNumber ? ` · 文号 ${c.documentNumber}` : "",
                ),
                h(
                  "div",
                  { class: "muted small" },
                  `${c.event.actor ?? ""} · 业务日期 ${c.event.occurredAt ?? ""} · 记录于 ${when(c.event.recordedAt)} · 哈希 `,
                  h("code", { title: c.event.hash ?? "" }, shortHash(c.event.hash)),
                ),
              ),
            ),
          ),
          l.origin ? originOf(ctx, l.origin) : null,
        ),
      ),
    ),
    h(
      "p",
      { class: "muted small" },
      "文档哈希 ",
      h("code", { title: v.documentHash }, shortHash(v.documentHash)),
    ),
  )
  close.focus()
}
/* global CSS */
