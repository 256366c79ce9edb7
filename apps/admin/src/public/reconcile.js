// @ts-check
/**
 * The 对账 view (auditor key): upload a published disclosure's text (as extracted from its PDF) and
 * read the reconciliation report — every discrepancy with its rule, place, the published and the
 * ledger value, and whether it is a known defect.
 */
import { call, dy, problemText } from "./api.js"
import { h, replace } from "./dom.js"

/** @type {Readonly<Record<string, string>>} */
const SEVERITY = { error: "错误", warning: "提示", info: "信息" }

/**
 * A discrepancy as `POST …/reconcile` answers it.
 * @typedef {{ rule: string, place: string, published?: string, ledger?: string, message: string, severity: string, knownDefect?: number | string }} Discrepancy
 */

/** @param {{ discrepancies?: Array<Discrepancy> }} result */
const report = (result) => {
  const list = result.discrepancies ?? []
  const errors = list.filter((d) => d.severity === "error").length
  return h(
    "section",
    { class: "report", id: "reconcile-report" },
    h(
      "p",
      { id: "reconcile-summary" },
      h("strong", null, `发现 ${list.length} 项差异`),
      `（错误 ${errors} 项，提示 ${list.length - errors} 项）。`,
    ),
    h(
      "table",
      { class: "findings" },
      h(
        "thead",
        null,
        h(
          "tr",
          null,
          ["规则", "位置", "文档值", "账本值", "说明", "级别", "已知缺陷"].map((x) => h("th", null, x)),
        ),
      ),
      h(
        "tbody",
        null,
        list.map((d) =>
          h(
            "tr",
            { class: `sev-${d.severity}` },
            h("td", null, d.rule),
            h("td", null, d.place),
            h("td", { class: "num" }, d.published),
            h("td", { class: "num" }, d.ledger),
            h("td", null, d.message),
            h("td", null, SEVERITY[d.severity] ?? d.severity),
            h("td", null, d.knownDefect !== undefined ? `#${d.knownDefect}` : ""),
          ),
        ),
      ),
    ),
  )
}

/**
 * Renders the view into `ctx.main`.
 * @param {import("./app.js").ViewContext} ctx
 */
export const reconcileView = async (ctx) => {
  const s = ctx.state
  const out = h("div", { id: "reconcile-out" })
  const text = h("textarea", {
    id: "reconcile-text",
    name: "text",
    rows: 8,
    placeholder: "粘贴公开文档的文本，或选择文件",
  })
  const file = h("input", {
    type: "file",
    id: "reconcile-file",
    accept: ".txt,text/plain",
    onchange: async () => {
      const f = file.files?.[0]
      if (f) text.value = await f.text()
    },
  })
  const asOf = h(
    "select",
    { id: "reconcile-as-of", name: "asOf" },
    h("option", { value: "published" }, "按发布版本"),
    h("option", { value: "current" }, "当前"),
  )
  const form = h(
    "form",
    {
      class: "reconcile-form",
      onsubmit: async (/** @type {Event} */ ev) => {
        ev.preventDefault()
        if (text.value.trim() === "") {
          replace(out, h("div", { class: "notice error", role: "alert" }, "请先选择文件或粘贴文本。"))
          return
        }
        replace(out, h("p", { class: "muted" }, "正在对账……"))
        const r = await call(dy(s.dept, s.year, `/reconcile?asOf=${asOf.value}`), {
          method: "POST",
          text: text.value,
        })
        replace(
          out,
          r.ok ? report(r.data) : h("div", { class: "notice error", role: "alert" }, problemText(r.problem)),
        )
      },
    },
    h("label", null, "公开文档文本文件 ", file),
    h("label", { class: "block" }, "或粘贴文本", text),
    h("label", null, "与账本的 ", asOf, " 对比"),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary" }, "对账")),
  )
  replace(
    ctx.main,
    h("h2", null, "对账"),
    h("p", { class: "muted" }, "需要审计密钥。上传已公开文档的文本，系统逐表逐句与账本核对。"),
    form,
    out,
  )
}
