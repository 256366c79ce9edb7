// @ts-check
/**
 * A tiny DOM builder: every text goes in as a text node, so nothing from the API is ever parsed as
 * HTML. Also the status toast and the SVG element builder the charts use.
 */
/* global document */

/**
 * Creates an element. `attrs` keys starting with "on" are listeners; `class`, `data-*`, `aria-*`
 * and the rest are attributes; `false`/`null`/`undefined` attributes and children are skipped.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, unknown> | null} [attrs]
 * @param {...unknown} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export const h = (tag, attrs, ...children) => build(document.createElement(tag), attrs, children)

const SVG_NS = "http://www.w3.org/2000/svg"

/**
 * Creates an SVG element (same rules as {@link h}).
 * @param {string} tag
 * @param {Record<string, unknown> | null} [attrs]
 * @param {...unknown} children
 * @returns {SVGElement}
 */
export const s = (tag, attrs, ...children) => build(document.createElementNS(SVG_NS, tag), attrs, children)

/**
 * @template {Element} E
 * @param {E} el
 * @param {Record<string, unknown> | null | undefined} attrs
 * @param {ReadonlyArray<unknown>} children
 * @returns {E}
 */
const build = (el, attrs, children) => {
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === false || v === null || v === undefined) continue
    if (k.startsWith("on") && typeof v === "function")
      el.addEventListener(k.slice(2), /** @type {EventListener} */ (v))
    else if (k === "value" && "value" in el) /** @type {{ value: string }} */ (el).value = String(v)
    else el.setAttribute(k, v === true ? "" : String(v))
  }
  append(el, children)
  return el
}

/**
 * @param {Element} el
 * @param {ReadonlyArray<unknown>} children
 */
const append = (el, children) => {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue
    if (Array.isArray(c)) append(el, c)
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)))
  }
}

/* global Node */

/**
 * Replaces an element's content.
 * @template {Element} E
 * @param {E} el
 * @param {...unknown} children
 * @returns {E}
 */
export const replace = (el, ...children) => {
  el.replaceChildren()
  append(el, children)
  return el
}

/** @type {ReturnType<typeof setTimeout> | undefined} */
let toastTimer
/**
 * Shows a short status message at the bottom of the screen.
 * @param {string} text
 * @param {string} [kind]
 */
export const toast = (text, kind = "info") => {
  const el = document.getElementById("toast")
  if (!el) return
  el.textContent = text
  el.dataset.kind = kind
  el.classList.add("show")
  clearTimeout(toastTimer)
  toastTimer = setTimeout(() => el.classList.remove("show"), 4000)
}

/**
 * First 10 characters of a hash, enough to tell events apart on screen.
 * @param {unknown} hash
 */
export const shortHash = (hash) => (typeof hash === "string" ? hash.slice(0, 10) : "")

/**
 * An ISO instant as local Chinese date-time text (display only).
 * @param {unknown} iso
 */
export const when = (iso) => {
  if (typeof iso !== "string") return ""
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString("zh-CN", { hour12: false })
}
