// @ts-check
/**
 * Budget lines by their names, as officials read them: 单位 · 功能科目 · 经济科目 · 项目 — unit and
 * project names from the department-year's own events, function and economic names from the
 * classification the ledger holds for the year (`GET /v1/taxonomy/{year}`). The line id stays
 * available on demand (a disclosure widget and the title), never as the headline.
 */
import { call } from "./api.js"
import { h } from "./dom.js"

/** @typedef {{ fn: Map<string, string>, econ: Map<string, string> }} Classification */
/**
 * The names a department-year's lines are told by: units, projects, function and economic codes.
 * @typedef {Classification & { units: Map<string, string>, projects: Map<string, string> }} Names
 */
/**
 * A budget line as the API answers it (the fields a name is made of).
 * @typedef {{ lineId: string, unitCode: string, functionCode?: string, expenditure?: { kind: string, deptEconomicCode?: string | undefined, projectId?: string } }} LineLike
 */

/** @type {Map<string, Promise<Classification>>} */
const taxonomies = new Map()

/**
 * The year's classification as code → name maps (fetched once per year).
 * @param {string} year
 * @returns {Promise<Classification>}
 */
const taxonomyOf = async (year) => {
  if (!taxonomies.has(year)) {
    taxonomies.set(
      year,
      call(`/v1/taxonomy/${encodeURIComponent(year)}`).then((r) => {
        /** @type {Map<string, string>} */
        const fn = new Map()
        /** @type {Map<string, string>} */
        const econ = new Map()
        if (r.ok) {
          for (const e of r.data.function ?? []) fn.set(e.code, e.name)
          for (const e of r.data.deptEconomic ?? []) econ.set(e.code, e.name)
        }
        return { fn, econ }
      }),
    )
  }
  return /** @type {Promise<Classification>} */ (taxonomies.get(year))
}

/**
 * The names a department-year's lines are told by.
 * @param {import("./app.js").ViewContext} ctx
 * @returns {Promise<Names>}
 */
export const namesOf = async (ctx) => {
  const events = await ctx.loadEvents()
  const units = new Map()
  const projects = new Map()
  for (const e of events) {
    if (e.type === "UnitRegistered") units.set(e.data.unitCode, e.data.name)
    if (e.type === "ProjectRegistered") projects.set(e.data.projectId, e.data.name)
  }
  const { fn, econ } = await taxonomyOf(ctx.state.year)
  return { units, projects, fn, econ }
}

/**
 * A line in words: 单位 · 功能科目 · 经济科目 · 项目 (each falls back to its code).
 * @param {LineLike} line
 * @param {Names} names
 */
export const lineName = (line, names) => {
  /** @type {{ kind?: string, deptEconomicCode?: string | undefined, projectId?: string }} */
  const e = line.expenditure ?? {}
  const code = (/** @type {Map<string, string>} */ map, /** @type {string | undefined} */ c) =>
    c ? `${c} ${map.get(c) ?? ""}`.trim() : ""
  return [
    names.units.get(line.unitCode) ?? line.unitCode,
    code(names.fn, line.functionCode),
    code(names.econ, e.deptEconomicCode),
    e.kind === "project" ? (names.projects.get(e.projectId ?? "") ?? e.projectId ?? "") : "",
  ]
    .filter((x) => x !== "")
    .join(" · ")
}

/**
 * The line's name, with its id behind a toggle (ids on demand).
 * @param {LineLike} line
 * @param {Names} names
 */
export const lineLabel = (line, names) =>
  h(
    "span",
    { class: "line-name", title: line.lineId },
    lineName(line, names),
    h("details", { class: "line-id" }, h("summary", null, "指标 ID"), h("code", null, line.lineId)),
  )
