// @ts-check
/**
 * The 年度概览 view: every year of the department the ledger holds — published or not, with its date
 * — its totals as published (or as they stand, when not yet published), the change from the year
 * before, a bar chart of 收入支出总计 across the years, and links to open any year as published, as
 * it stands now, or as the public sees it (no key).
 */
import { call, problemText } from "./api.js"
import { chartSvg } from "./charts.js"
import { h, replace, shortHash } from "./dom.js"

/**
 * A year's totals (元 strings) as `GET /v1/departments/{code}/years` answers them.
 * @typedef {{ total: string, generalBudgetCurrent: string, threePublic: string, operatingCosts: string }} Totals
 */
/**
 * One year of the department: its totals now and, once published, as published.
 * @typedef {{ year: number, current: { totals: Totals }, published?: { totals: Totals, documentHash: string, publishedOn: string } }} YearEntry
 */

/**
 * An amount in 元 as whole 分, exactly (BigInt): money is never a floating-point number, here too.
 * @param {string} yuan the API's amount string, e.g. "1578100.00"
 */
const fen = (yuan) => {
  const [whole = "0", frac = ""] = yuan.replace("-", "").split(".")
  const v = BigInt(whole) * 100n + BigInt((frac + "00").slice(0, 2))
  return yuan.startsWith("-") ? -v : v
}

/**
 * `n / d` rounded half away from zero (d > 0), as the ledger's Money rounds for display.
 * @param {bigint} n
 * @param {bigint} d
 */
const divRound = (n, d) => {
  const q = ((n < 0n ? -n : n) * 2n + d) / (2n * d)
  return n < 0n ? -q : q
}

/**
 * Hundredths as a decimal with two places.
 * @param {bigint} h
 */
const twoPlaces = (h) => {
  const a = h < 0n ? -h : h
  return `${h < 0n ? "-" : ""}${a / 100n}.${String(a % 100n).padStart(2, "0")}`
}

/**
 * 分 as 万元 with two decimals (1 万元 = 1,000,000 分).
 * @param {bigint} f
 */
const wanOfFen = (f) => twoPlaces(divRound(f, 10000n))

/**
 * 元 (a string from the API) as 万元 with two decimals, for display.
 * @param {string} yuan
 */
const wan = (yuan) => wanOfFen(fen(yuan))

/**
 * The change from the year before, in 万元 and per cent (empty for the first year).
 * @param {string} now
 * @param {string | undefined} before
 */
const change = (now, before) => {
  if (before === undefined) return "—"
  const b = fen(before)
  const d = fen(now) - b
  const pct = b <= 0n ? "" : `（${d >= 0n ? "+" : ""}${twoPlaces(divRound(d * 10000n, b))}%）`
  return `${d > 0n ? "增加" : d < 0n ? "减少" : "持平"} ${wanOfFen(d < 0n ? -d : d)}${pct}`
}

/**
 * The figures a year is compared by: as published when it was, else as it stands.
 * @param {YearEntry} y
 * @returns {Totals}
 */
const shown = (y) => (y.published ?? y.current).totals

/**
 * The public page of a published year (no key).
 * @param {string} dept
 * @param {number} year
 */
const publicHash = (dept, year) => `#/public/${encodeURIComponent(dept)}/${encodeURIComponent(year)}`

/**
 * Renders the view into `ctx.main`.
 * @param {import("./app.js").ViewContext} ctx
 */
export const yearsView = async (ctx) => {
  const s = ctx.state
  replace(ctx.main, h("p", { class: "muted" }, "正在读取各年度……"))
  const r = await call(`/v1/departments/${encodeURIComponent(s.dept)}/years`)
  if (!r.ok) {
    replace(ctx.main, h("div", { class: "notice error", role: "alert" }, problemText(r.problem)))
    return
  }
  /** @type {Array<YearEntry>} */
  const years = r.data.years
  const chart = chartSvg({
    kind: "bar",
    title: "各年度收入支出总计（万元）",
    unit: "万元",
    series: years.map((y) => ({ label: `${y.year}年`, value: wan(shown(y).total) })),
  })
  const open = (/** @type {number} */ year, /** @type {string} */ asOf) => () =>
    ctx.go({ year: String(year), view: "doc", asOf })
  const rows = years.map((y, i) => {
    const t = shown(y)
    const prior = years[i - 1]
    const before = prior === undefined ? undefined : shown(prior)
    return h(
      "tr",
      { "data-year": y.year },
      h("th", { scope: "row" }, `${y.year} 年度`),
      h(
        "td",
        { class: "status" },
        y.published
          ? h("span", { title: y.published.documentHash }, `已发布 ${y.published.publishedOn}`)
          : h("span", { class: "muted" }, "未发布"),
      ),
      h("td", { class: "num total" }, wan(t.total)),
      h("td", { class: "num" }, change(t.total, before?.total)),
      h("td", { class: "num" }, wan(t.generalBudgetCurrent)),
      h("td", { class: "num" }, wan(t.threePublic)),
      h("td", { class: "num" }, wan(t.operatingCosts)),
      h(
        "td",
        { class: "actions" },
        y.published
          ? h(
              "button",
              { type: "button", class: "open-published", onclick: open(y.year, "published") },
              "发布版",
            )
          : null,
        h("button", { type: "button", class: "open-current", onclick: open(y.year, "current") }, "当前"),
        y.published
          ? h(
              "a",
              {
                href: publicHash(s.dept, y.year),
                class: "public-link",
                title: shortHash(y.published.documentHash),
              },
              "公开页面",
            )
          : null,
      ),
    )
  })
  replace(
    ctx.main,
    h("h2", null, `部门 ${s.dept} 各年度概览`),
    h(
      "p",
      { class: "muted" },
      "已发布的年度按发布版本列示，未发布的按当前状态；金额单位：万元。下一年度的上年数取自本账本中上一年度的发布版本。",
    ),
    h("div", { class: "years-chart" }, chart),
    h(
      "table",
      { class: "changes years" },
      h(
        "thead",
        null,
        h(
          "tr",
          null,
          [
            "年度",
            "状态",
            "收入支出总计",
            "比上年增减",
            "一般公共预算当年拨款",
            "三公经费",
            "机关运行经费",
            "打开",
          ].map((c) => h("th", { scope: "col" }, c)),
        ),
      ),
      h("tbody", null, rows),
    ),
  )
}
