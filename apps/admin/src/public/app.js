// @ts-check
/**
 * The admin app's entry: state in the URL hash (`#/<部门>/<年度>/<视图>?asOf=…`, so every screen
 * can be bookmarked and shared), the key dialog, the department/year pickers, the timeline, the
 * keyboard and the view switch. Views live in their own modules.
 */
/* global document, window */
import { call, clearKey, getKey, setKey } from "./api.js"
import { auditView } from "./audit.js"
import { h, replace, toast } from "./dom.js"
import { diffView } from "./diff.js"
import { docView } from "./doc-view.js"
import { closePanel, openProvenance } from "./provenance.js"
import { reconcileView } from "./reconcile.js"
import { renderTimeline, stepPosition } from "./timeline.js"
import { publicView } from "./public-view.js"
import { writeView } from "./write.js"
import { yearsView } from "./years.js"
import { departmentsView } from "./departments.js"

/**
 * A view: draws itself into `ctx.main`.
 * @typedef {(ctx: ViewContext) => Promise<unknown>} View
 */

/**
 * The views by the name the hash gives them.
 * @type {Readonly<Record<string, View>>}
 */
const VIEWS = {
  doc: docView,
  diff: diffView,
  audit: auditView,
  write: writeView,
  reconcile: reconcileView,
  years: yearsView,
  departments: departmentsView,
}
/**
 * An element of the page by id (index.html always has the ones asked for).
 * @param {string} id
 */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id))

/**
 * The state the hash encodes.
 * @returns {ViewState}
 */
const parseHash = () => {
  const [path = "", query = ""] = window.location.hash.replace(/^#\/?/, "").split("?")
  const [dept = "", year = "", view = "doc"] = path.split("/").map(decodeURIComponent)
  const q = new URLSearchParams(query)
  return {
    dept,
    year,
    view: VIEWS[view] ? view : "doc",
    asOf: q.get("asOf") ?? "current",
    from: q.get("from") ?? "published",
    to: q.get("to") ?? "current",
  }
}

/**
 * The hash of a state (the inverse of {@link parseHash}).
 * @param {ViewState} s
 */
const hashOf = (s) => {
  const q = new URLSearchParams()
  if (s.asOf && s.asOf !== "current") q.set("asOf", s.asOf)
  if (s.view === "diff") {
    q.set("from", s.from)
    q.set("to", s.to)
  }
  const qs = q.toString()
  return `#/${encodeURIComponent(s.dept)}/${encodeURIComponent(s.year)}/${s.view}${qs ? `?${qs}` : ""}`
}

/**
 * The state the location hash encodes: which department-year, which view, which points.
 * @typedef {{ dept: string, year: string, view: string, asOf: string, from: string, to: string }} ViewState
 */

/**
 * What every view receives (`ctx`): the state, the department list, the cached events (wire form,
 * as `GET …/events` answers) and navigation. Views type their parameter with it.
 * @typedef {{
 *   state: ViewState,
 *   departments: Array<{ code: string, name?: string, template?: string, years: Array<{ year: number }> }>,
 *   events: Array<any> | null,
 *   eventsKey: string,
 *   role: string,
 *   main: HTMLElement,
 *   go: (patch: Partial<ViewState>) => void,
 *   loadEvents: (force?: boolean) => Promise<Array<any>>,
 *   refresh: () => Promise<void>,
 *   openProvenance: (cell: string, asOf: string) => unknown,
 *   refreshTimeline: () => Promise<void>,
 *   nameDepartment: (code: string, name: string) => void,
 * }} ViewContext
 */

/**
 * Shared by every view: the state, the cached event list, navigation.
 * @type {ViewContext}
 */
const ctx = {
  state: parseHash(),
  departments: [],
  events: null,
  eventsKey: "",
  role: sessionStorage.getItem("ledger-admin-role") ?? "",
  main: $("main"),
  /** Navigates to a state change (pushes history, so Back works). */
  go(patch) {
    const next = { ...ctx.state, ...patch }
    const hash = hashOf(next)
    if (hash === window.location.hash) void render()
    else window.location.hash = hash
  },
  /** The department-year's events (current), cached until a write. */
  async loadEvents(force = false) {
    const key = `${ctx.state.dept}/${ctx.state.year}`
    if (!force && ctx.events && ctx.eventsKey === key) return ctx.events
    const r = await call(
      `/v1/departments/${encodeURIComponent(ctx.state.dept)}/years/${encodeURIComponent(ctx.state.year)}/events`,
    )
    /** @type {Array<any>} */
    const events = r.ok ? r.data.events : []
    ctx.events = events
    ctx.eventsKey = key
    return events
  },
  /** Forgets cached events (after an append or a publication) and redraws. */
  async refresh() {
    await ctx.loadEvents(true)
    await render()
  },
  openProvenance: (cell, asOf) => openProvenance(ctx, cell, asOf),
  /** Reloads the events and redraws the timeline only (after a write, keeping the form's message). */
  async refreshTimeline() {
    renderTimeline(ctx, await ctx.loadEvents(true))
  },
  /** Remembers a department's name (learned from a disclosure) for the picker. */
  nameDepartment(code, name) {
    const d = ctx.departments.find((x) => x.code === code)
    if (d && !d.name) {
      d.name = name
      fillPickers()
    }
  },
}

/**
 * Asks for a key until the API accepts it; answers the department list it read with it.
 * @returns {Promise<{ departments: ViewContext["departments"] }>}
 */
const login = async () => {
  const dialog = /** @type {HTMLDialogElement} */ ($("login"))
  const form = /** @type {HTMLFormElement} */ ($("login-form"))
  const error = $("login-error")
  return new Promise((resolve) => {
    form.onsubmit = async (ev) => {
      ev.preventDefault()
      setKey(/** @type {HTMLInputElement} */ ($("login-key")).value)
      const r = await call("/v1/departments")
      if (!r.ok) {
        clearKey()
        error.textContent =
          r.status === 401 ? "密钥无效或已撤销，请重新输入。" : `无法登录：${r.problem?.detail ?? r.status}`
        return
      }
      const v = await call("/v1/verify")
      ctx.role = v.ok ? "auditor" : v.status === 403 ? "writer" : ""
      sessionStorage.setItem("ledger-admin-role", ctx.role)
      error.textContent = ""
      dialog.close()
      resolve(r.data)
    }
    dialog.showModal()
    $("login-key").focus()
  })
}

/** Reads the departments the key may see (asking for a key first when there is none or it fails). */
const loadDepartments = async () => {
  let r = getKey() ? await call("/v1/departments") : { ok: false, status: 401 }
  const data = r.ok ? r.data : await login()
  ctx.departments = data.departments
  const who = $("who")
  who.textContent = ctx.role === "writer" ? "填报密钥" : ctx.role === "auditor" ? "审计密钥" : ""
}

/** Fills the department and year pickers and marks the current view's link. */
const fillPickers = () => {
  const s = ctx.state
  const dept = $("department")
  replace(
    dept,
    ctx.departments.map((d) =>
      h("option", { value: d.code, selected: d.code === s.dept }, d.name ? `${d.code} ${d.name}` : d.code),
    ),
  )
  const years = ctx.departments.find((d) => d.code === s.dept)?.years ?? []
  replace(
    $("year"),
    years.map((y) => h("option", { value: y.year, selected: String(y.year) === s.year }, `${y.year} 年度`)),
  )
  for (const a of /** @type {NodeListOf<HTMLAnchorElement>} */ (document.querySelectorAll("#views a"))) {
    a.setAttribute("href", hashOf({ ...s, view: /** @type {string} */ (a.dataset.view) }))
    a.classList.toggle("active", a.dataset.view === s.view)
    if (a.dataset.view === s.view) a.setAttribute("aria-current", "page")
    else a.removeAttribute("aria-current")
  }
}

/** Counts renders, so a render overtaken by a newer one stops before drawing. */
let rendering = 0
/** Draws the state the hash names (completing a hash without department or year first). */
const render = async () => {
  const ticket = ++rendering
  ctx.state = parseHash()
  const s = ctx.state
  if (!s.dept || !ctx.departments.some((d) => d.code === s.dept)) {
    const first = ctx.departments[0]
    if (!first) {
      replace(ctx.main, h("p", null, "该密钥没有可查看的部门。"))
      return
    }
    const year = first.years.at(-1)?.year ?? ""
    window.location.replace(hashOf({ ...s, dept: first.code, year: String(year) }))
    return
  }
  if (!s.year) {
    const d = ctx.departments.find((x) => x.code === s.dept)
    window.location.replace(hashOf({ ...s, year: String(d?.years.at(-1)?.year ?? "") }))
    return
  }
  fillPickers()
  const events = await ctx.loadEvents()
  if (ticket !== rendering) return
  renderTimeline(ctx, events)
  await /** @type {View} */ (VIEWS[s.view])(ctx)
}

/**
 * Whether keys go to a text field (so shortcuts must not take them).
 * @param {HTMLElement | null} el
 */
const typing = (el) => el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName))

/**
 * The keyboard shortcuts: Esc, `/`, `[` / `]`, p, n, d.
 * @param {KeyboardEvent} ev
 */
const onKey = (ev) => {
  if (ev.ctrlKey || ev.metaKey || ev.altKey) return
  if (ev.key === "Escape") {
    if (!$("panel").hidden) {
      closePanel()
      ev.preventDefault()
    } else if (typing(/** @type {HTMLElement | null} */ (document.activeElement)))
      /** @type {HTMLElement} */ (document.activeElement).blur()
    return
  }
  if (
    typing(/** @type {HTMLElement | null} */ (ev.target)) ||
    /** @type {HTMLDialogElement} */ ($("login")).open
  )
    return
  const s = ctx.state
  switch (ev.key) {
    case "/":
      ev.preventDefault()
      $("department").focus()
      return
    case "[":
    case "]": {
      const next = stepPosition(ctx, ev.key === "]" ? 1 : -1)
      if (next !== undefined) ctx.go({ view: s.view === "diff" ? "doc" : s.view, asOf: next })
      return
    }
    case "p":
      ctx.go({ asOf: "published", view: s.view === "diff" ? "doc" : s.view })
      return
    case "n":
      ctx.go({ asOf: "current", view: s.view === "diff" ? "doc" : s.view })
      return
    case "d":
      ctx.go({ view: "diff" })
      return
    default:
  }
}

/**
 * The amount cell (`td[data-cell]`) an event happened in, if any.
 * @param {Event} ev
 */
const cellOf = (ev) =>
  /** @type {HTMLElement | null | undefined} */ (
    /** @type {Element} */ (ev.target).closest?.("td[data-cell]")
  )

/**
 * The "table/row/col" of an amount cell.
 * @param {HTMLElement} td
 */
const cellName = (td) => /** @type {string} */ (td.dataset.cell)

/**
 * The as-of point of the document a cell is in (a diff shows two), else the state's.
 * @param {HTMLElement} td
 */
const asOfOf = (td) =>
  /** @type {HTMLElement | null} */ (td.closest("[data-as-of]"))?.dataset.asOf ?? ctx.state.asOf

/** `#/public/<部门>/<年度>`: the public page of a published document, no key asked for. */
const publicTarget = () => /^#\/public\/([^/?]+)\/([^/?]+)/.exec(window.location.hash)

/** Wires the page and draws the first view (or the public page, which needs no key). */
const start = async () => {
  ctx.main = $("main")
  const pub = publicTarget()
  if (pub) {
    window.addEventListener("hashchange", () => window.location.reload())
    // both groups always take part in a match: the ?? "" only satisfies the type
    await publicView(ctx.main, decodeURIComponent(pub[1] ?? ""), decodeURIComponent(pub[2] ?? ""))
    return
  }
  $("department").addEventListener("change", (e) => {
    const picked = /** @type {HTMLSelectElement} */ (e.target)
    const d = ctx.departments.find((x) => x.code === picked.value)
    ctx.go({ dept: picked.value, year: String(d?.years.at(-1)?.year ?? ""), asOf: "current" })
  })
  $("year").addEventListener("change", (e) =>
    ctx.go({ year: /** @type {HTMLSelectElement} */ (e.target).value, asOf: "current" }),
  )
  $("logout").addEventListener("click", () => {
    clearKey()
    sessionStorage.removeItem("ledger-admin-role")
    window.location.reload()
  })
  document.addEventListener("keydown", onKey)
  ctx.main.addEventListener("click", (ev) => {
    const td = cellOf(ev)
    if (td) ctx.openProvenance(cellName(td), asOfOf(td))
  })
  ctx.main.addEventListener("keydown", (ev) => {
    const td = cellOf(ev)
    if (td && ev.key === "Enter") ctx.openProvenance(cellName(td), asOfOf(td))
  })
  window.addEventListener("hashchange", () => void render())
  await loadDepartments()
  await render()
}

start().catch((e) => toast(`出错了：${e?.message ?? e}`, "error"))
