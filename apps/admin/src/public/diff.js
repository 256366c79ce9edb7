// @ts-check
/**
 * The 对比 view: what changed between two points (default: as published → now). Every changed cell
 * is listed with old → new and the events (with 文号) that changed it, and highlighted in place in
 * the later document; changed narrative sections show old and new text.
 */
import { call, dy, problemText } from "./api.js"
import { documentView } from "./doc.js"
import { fetchDisclosure, versionBar } from "./doc-view.js"
import { h, replace } from "./dom.js"
import { asOfName, typeName } from "./labels.js"

const POINTS = ["published", "current"]

/**
 * @param {string} id
 * @param {string} label
 * @param {string} value
 */
const pointInput = (id, label, value) =>
  h(
    "label",
    null,
    label,
    " ",
    h("input", {
      id,
      name: id,
      list: "as-of-points",
      value,
      size: 14,
      pattern: "current|published|\\d{1,15}|\\d{4}-\\d{2}-\\d{2}(T.*)?",
      title: "published、current、事件位置或日期",
    }),
  )

/**
 * Renders the view into `ctx.main`.
 * @param {import("./app.js").ViewContext} ctx
 */
export const diffView = async (ctx) => {
  const s = ctx.state
  const form = h(
    "form",
    {
      class: "diff-form no-print",
      onsubmit: (/** @type {Event} */ ev) => {
        ev.preventDefault()
        const field = (/** @type {string} */ name) =>
          /** @type {HTMLInputElement | null} */ (form.elements.namedItem(name))?.value.trim() ?? ""
        ctx.go({
          from: field("from") || "published",
          to: field("to") || "current",
        })
      },
    },
    h(
      "datalist",
      { id: "as-of-points" },
      POINTS.map((p) => h("option", { value: p }, asOfName(p))),
    ),
    pointInput("from", "从", s.from),
    pointInput("to", "到", s.to),
    h("button", { type: "submit", class: "primary" }, "对比"),
    h(
      "button",
      { type: "button", onclick: () => ctx.go({ from: "published", to: "current" }) },
      "发布版 → 当前",
    ),
  )
  replace(ctx.main, h("h2", null, "对比"), form, h("p", { class: "muted" }, "正在计算差异……"))
  const [d, doc] = await Promise.all([
    call(dy(s.dept, s.year, `/diff?from=${encodeURIComponent(s.from)}&to=${encodeURIComponent(s.to)}`)),
    fetchDisclosure(s, s.to),
  ])
  if (!d.ok || !doc.ok) {
    replace(
      ctx.main,
      h("h2", null, "对比"),
      form,
      h("div", { class: "notice error", role: "alert" }, problemText((d.ok ? doc : d).problem)),
    )
    return
  }
  /** @type {import("@ledger/projections").DisclosureDiff} */
  const diff = d.data
  const cells = new Map()
  for (const c of diff.cells) if (c.toRow !== null) cells.set(`${c.table}/${c.toRow}/${c.col}`, c)
  const narrative = new Map(diff.narrative.map((n) => [n.id, n]))
  const summary = h(
    "section",
    { class: "diff-summary" },
    h(
      "p",
      { id: "diff-count" },
      `${asOfName(s.from)}（位置 ${diff.from.position}）→ ${asOfName(s.to)}（位置 ${diff.to.position}）：`,
      h("strong", null, `${diff.cells.length} 个单元格`),
      "、",
      h("strong", null, `${diff.narrative.length} 段说明`),
      " 有变化。",
    ),
    diff.cells.length === 0
      ? null
      : h(
          "table",
          { class: "changes" },
          h(
            "thead",
            null,
            h(
              "tr",
              null,
              ["表", "行", "列", "原值 → 新值", "引起变化的事件"].map((x) => h("th", null, x)),
            ),
          ),
          h(
            "tbody",
            null,
            diff.cells.map((c) =>
              h(
                "tr",
                {
                  tabindex: 0,
                  onclick: () =>
                    document
                      .querySelector(`td[data-cell="${c.table}/${c.toRow}/${c.col}"]`)
                      ?.scrollIntoView({ block: "center" }),
                },
                h("td", null, `表${c.table}`),
                h("td", null, c.rowLabel),
                h("td", null, c.column),
                h(
                  "td",
                  { class: "num" },
                  h("del", null, c.old || "（空）"),
                  " → ",
                  h("ins", null, c.new || "（空）"),
                ),
                h(
                  "td",
                  { class: "small" },
                  [...new Map(c.events.map((e) => [e.position, e])).values()].map((e) =>
                    h(
                      "div",
                      null,
                      `#${e.position} ${typeName(e.type)} ${e.documentNumber ?? ""} ${e.occurredAt}`,
                    ),
                  ),
                ),
              ),
            ),
          ),
        ),
  )
  const article = documentView(doc.data, { diff: cells, narrativeDiff: narrative })
  article.dataset.asOf = s.to
  replace(ctx.main, h("h2", null, "对比"), form, summary, versionBar(doc.data, s.to), article)
}
/* global document */
