// @ts-check
/**
 * The 公开文档 view: the disclosure as of the chosen point, with a bar saying which version it is
 * (position, time, document hash), the downloads (XLSX, CSV, HTML, 文本, JSON) and 打印.
 */
/* global document, window */
import { asOfQuery, call, dy, problemText } from "./api.js"
import { documentView } from "./doc.js"
import { h, replace, shortHash, toast, when } from "./dom.js"
import { asOfName } from "./labels.js"

/**
 * Format, label, file extension of each download.
 * @type {ReadonlyArray<readonly [string, string, string]>}
 */
const FORMATS = [
  ["xlsx", "XLSX", "xlsx"],
  ["csv", "CSV", "zip"],
  ["html", "HTML", "html"],
  ["txt", "文本", "txt"],
  ["json", "JSON", "json"],
]

/**
 * Downloads the disclosure in a format through the API (the key goes in the header, not the URL).
 * @param {import("./app.js").ViewContext} ctx
 * @param {string} format
 * @param {string} ext
 * @param {string} asOf
 */
const download = async (ctx, format, ext, asOf) => {
  const s = ctx.state
  const r = await call(dy(s.dept, s.year, `/disclosure?format=${format}${asOfQuery(asOf, "&")}`), {
    raw: true,
  })
  if (!r.ok || r.response === undefined) {
    toast(`无法下载 ${format.toUpperCase()}：${problemText(r.problem)}`, "error")
    return
  }
  const blob = await r.response.blob()
  const url = URL.createObjectURL(blob)
  const a = h("a", {
    href: url,
    download: `${s.dept}-${s.year}-${asOf === "current" ? "当前" : asOf === "published" ? "发布版" : asOf}.${ext}`,
  })
  document.body.append(a)
  a.click()
  a.remove()
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000)
  toast(`已下载 ${a.download}`)
}

/**
 * Fetches the disclosure JSON as of a point.
 * @param {{ dept: string, year: string }} s
 * @param {string} asOf
 */
export const fetchDisclosure = (s, asOf) => call(dy(s.dept, s.year, `/disclosure${asOfQuery(asOf)}`))

/**
 * A bar saying which version is on screen.
 * @param {Pick<import("@ledger/projections").Disclosure, "asOf" | "documentHash">} doc
 * @param {string} asOf
 */
export const versionBar = (doc, asOf) =>
  h(
    "p",
    { class: "version", id: "version" },
    h("strong", null, asOfName(asOf)),
    ` · 事件位置 ${doc.asOf.position} · 记录于 ${when(doc.asOf.recordedAt)} · 文档哈希 `,
    h("code", { title: doc.documentHash }, shortHash(doc.documentHash)),
  )

/**
 * Renders the view into `ctx.main`.
 * @param {import("./app.js").ViewContext} ctx
 */
export const docView = async (ctx) => {
  const s = ctx.state
  replace(ctx.main, h("p", { class: "muted" }, "正在重放事件……"))
  const r = await fetchDisclosure(s, s.asOf)
  if (!r.ok) {
    replace(
      ctx.main,
      h("div", { class: "notice error", role: "alert" }, problemText(r.problem)),
      r.problem?.status === 404 && s.asOf === "published"
        ? h(
            "p",
            null,
            "本年度尚未发布。",
            h("button", { type: "button", onclick: () => ctx.go({ asOf: "current" }) }, "查看当前"),
          )
        : null,
    )
    return
  }
  const doc = r.data
  ctx.nameDepartment(doc.department.code, doc.department.name)
  const toolbar = h(
    "div",
    { class: "toolbar no-print" },
    versionBar(doc, s.asOf),
    h(
      "div",
      { class: "downloads", role: "group", "aria-label": "下载" },
      h("span", null, "下载："),
      FORMATS.map(([format, label, ext]) =>
        h(
          "button",
          { type: "button", "data-format": format, onclick: () => download(ctx, format, ext, s.asOf) },
          label,
        ),
      ),
      h("button", { type: "button", onclick: () => window.print() }, "打印"),
    ),
  )
  const article = documentView(doc)
  article.dataset.asOf = s.asOf
  replace(ctx.main, toolbar, article)
}
