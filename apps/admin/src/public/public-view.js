// @ts-check
/**
 * The public, read-only page of a published document (`#/public/<部门>/<年度>`): no key, no
 * timeline, no provenance — the document as published, read from the keyless
 * `/v1/public/departments/{code}/years/{year}/disclosure`, with plain links to every format (PDF,
 * the Fiscal Data Package, …) and to the immutable by-hash URL of this very document.
 */
/* global document */
import { documentView } from "./doc.js"
import { h, replace, shortHash } from "./dom.js"

const LINKS = [
  ["pdf", "PDF"],
  ["html", "HTML"],
  ["xlsx", "XLSX"],
  ["csv", "CSV"],
  ["fdp", "开放数据（Fiscal Data Package）"],
  ["ndjson", "预算指标 NDJSON"],
  ["json", "JSON"],
]

/**
 * Renders the published document of `dept`/`year` into `main`, without a key.
 * @param {HTMLElement} main
 * @param {string} dept
 * @param {string} year
 */
export const publicView = async (main, dept, year) => {
  document.body.classList.add("public")
  const base = `/v1/public/departments/${encodeURIComponent(dept)}/years/${encodeURIComponent(year)}/disclosure`
  replace(main, h("p", { class: "muted" }, "正在读取公开文档……"))
  const res = await fetch(base).catch(() => undefined)
  if (!res?.ok) {
    const problem = res ? await res.json().catch(() => undefined) : undefined
    replace(
      main,
      h(
        "div",
        { class: "notice error", role: "alert" },
        res?.status === 404
          ? `${dept} 部门 ${year} 年度尚未公开。`
          : (problem?.detail ?? "无法读取公开文档。"),
      ),
    )
    return
  }
  const doc = await res.json()
  const canonical = /^<([^>]+)>/.exec(res.headers.get("link") ?? "")?.[1]
  const bar = h(
    "div",
    { class: "toolbar no-print", id: "public-bar" },
    h(
      "p",
      { class: "version" },
      h("strong", null, "公开文档（发布版本，无需密钥）"),
      ` · 文档哈希 `,
      h("code", { title: doc.documentHash }, shortHash(doc.documentHash)),
      canonical ? [" · ", h("a", { href: canonical, id: "permalink" }, "永久链接")] : null,
    ),
    h(
      "div",
      { class: "downloads", role: "group", "aria-label": "下载" },
      h("span", null, "下载："),
      LINKS.map(([format, label]) =>
        h("a", { href: `${base}?format=${format}`, "data-format": format, class: "button" }, label),
      ),
    ),
  )
  const article = documentView(doc)
  article.dataset.public = "true"
  replace(main, bar, article)
}
