// @ts-check
/**
 * The 部门列表 view: every department the key may read — a province's hundreds — by code and name,
 * searchable (code or name, as typed) and filtered by template and by year; each year opens that
 * department's disclosure. Only the first rows that match are drawn, so the page stays quick
 * whatever the count; the count says how many match.
 */
/* global window */
import { h, replace } from "./dom.js"

/** @type {Readonly<Record<string, string>>} */
const TEMPLATE_NAMES = {
  "shanxi-county-13": "山西县级（13张表）",
  "shanghai-district-9": "上海区级（9张表）",
}
const LIMIT = 200

/**
 * The hash that opens a department-year's document.
 * @param {string} code
 * @param {string | number} year
 */
const docHash = (code, year) => `#/${encodeURIComponent(code)}/${encodeURIComponent(year)}/doc`

/**
 * Renders the view into `ctx.main`.
 * @param {import("./app.js").ViewContext} ctx
 */
export const departmentsView = async (ctx) => {
  const all = ctx.departments
  const templates = [...new Set(all.flatMap((d) => (d.template ? [d.template] : [])))].sort()
  const years = [...new Set(all.flatMap((d) => d.years.map((y) => y.year)))].sort((a, b) => b - a)
  const search = h("input", {
    type: "search",
    id: "dept-search",
    placeholder: "按部门编码或名称搜索",
    "aria-label": "搜索部门",
  })
  const template = h(
    "select",
    { id: "dept-template", "aria-label": "按模板筛选" },
    h("option", { value: "" }, "全部模板"),
    templates.map((t) => h("option", { value: t }, TEMPLATE_NAMES[t] ?? t)),
  )
  const year = h(
    "select",
    { id: "dept-year", "aria-label": "按年度筛选" },
    h("option", { value: "" }, "全部年度"),
    years.map((y) => h("option", { value: String(y) }, `${y} 年度`)),
  )
  const count = h("p", { id: "dept-count", class: "muted", "aria-live": "polite" })
  const rows = h("tbody", { id: "dept-rows" })
  const draw = () => {
    const q = search.value.trim().toLowerCase()
    const t = template.value
    const y = year.value === "" ? undefined : Number(year.value)
    const matching = all.filter(
      (d) =>
        (q === "" || d.code.toLowerCase().includes(q) || (d.name ?? "").toLowerCase().includes(q)) &&
        (t === "" || d.template === t) &&
        (y === undefined || d.years.some((x) => x.year === y)),
    )
    count.textContent =
      `共 ${matching.length} 个部门` + (matching.length > LIMIT ? `，显示前 ${LIMIT} 个，请缩小搜索范围` : "")
    replace(
      rows,
      matching.slice(0, LIMIT).map((d) =>
        h(
          "tr",
          { "data-code": d.code },
          h("td", { class: "code" }, d.code),
          h(
            "td",
            null,
            h("a", { href: docHash(d.code, d.years.at(-1)?.year ?? "") }, d.name ?? "（未登记名称）"),
          ),
          h("td", null, (d.template && TEMPLATE_NAMES[d.template]) ?? d.template ?? ""),
          h(
            "td",
            null,
            d.years.map((x) => h("a", { href: docHash(d.code, x.year), class: "year" }, `${x.year}`)),
          ),
        ),
      ),
    )
  }
  search.addEventListener("input", draw)
  template.addEventListener("change", draw)
  year.addEventListener("change", draw)
  replace(
    ctx.main,
    h(
      "section",
      { class: "departments" },
      h("h2", null, "部门列表"),
      h("div", { class: "filters" }, search, template, year),
      count,
      h(
        "table",
        { class: "dept-list" },
        h(
          "thead",
          null,
          h(
            "tr",
            null,
            h("th", null, "编码"),
            h("th", null, "部门名称"),
            h("th", null, "模板"),
            h("th", null, "年度"),
          ),
        ),
        rows,
      ),
    ),
  )
  draw()
  if (window.location.hash.includes("/departments")) search.focus()
}
