// @ts-check
/**
 * The timeline of the stream's events beside the document: "按发布版本" and "当前" one click apart,
 * any event to see the disclosure as of then, a date to see what the ledger said that day, and
 * `[` / `]` to step one event back or forward.
 */
import { h, replace, when } from "./dom.js"
import { asOfName, typeName, eventSummary } from "./labels.js"

/** @typedef {import("./app.js").ViewContext} ViewContext */
/**
 * An event as `GET …/events` answers it (the fields the timeline reads).
 * @typedef {{ position: number, eventId: string, type: string, occurredAt: string, recordedAt: string, actor: string, data?: any }} WireEvent
 */

/**
 * The log position the state's as-of point stands for, given the stream's events.
 * @param {string} asOf
 * @param {ReadonlyArray<WireEvent>} events
 * @returns {number | undefined}
 */
const positionOf = (asOf, events) => {
  if (events.length === 0) return undefined
  if (/^\d+$/.test(asOf)) return Number(asOf)
  if (asOf === "published") {
    const i = events.findLastIndex((e) => e.type === "DisclosurePublished")
    return i > 0 ? events[i - 1]?.position : undefined
  }
  if (asOf === "current" || !asOf) return events.at(-1)?.position
  const bound = Date.parse(asOf.length === 10 ? `${asOf}T23:59:59.999Z` : asOf)
  return events.filter((e) => Date.parse(e.recordedAt) <= bound).at(-1)?.position
}

/**
 * The as-of value one event before (-1) or after (+1) the current point; "current" past the end.
 * @param {ViewContext} ctx
 * @param {number} dir
 * @returns {string | undefined}
 */
export const stepPosition = (ctx, dir) => {
  const events = ctx.events ?? []
  const here = positionOf(ctx.state.asOf, events) ?? events.at(-1)?.position
  if (here === undefined) return undefined
  const i = events.findIndex((e) => e.position >= here)
  const at = i < 0 ? events.length - 1 : events[i].position === here ? i : i - 1
  const next = Math.max(0, Math.min(events.length - 1, at + dir))
  return next === events.length - 1 ? "current" : String(events[next].position)
}

/**
 * Draws the timeline for the state in `ctx`.
 * @param {ViewContext} ctx
 * @param {ReadonlyArray<WireEvent>} events
 */
export const renderTimeline = (ctx, events) => {
  const el = /** @type {HTMLElement} */ (document.getElementById("timeline"))
  const s = ctx.state
  const here = positionOf(s.asOf, events)
  const published = events.some((e) => e.type === "DisclosurePublished")
  const dateInput = h("input", {
    type: "date",
    id: "as-of-date",
    "aria-label": "按日期查看",
    value: /^\d{4}-\d{2}-\d{2}$/.test(s.asOf) ? s.asOf : "",
  })
  replace(
    el,
    h("h2", null, "时间线"),
    h(
      "div",
      { class: "switch", role: "group", "aria-label": "版本" },
      h(
        "button",
        {
          type: "button",
          id: "as-published",
          class: s.asOf === "published" ? "on" : null,
          disabled: !published,
          title: "快捷键 p",
          onclick: () => ctx.go({ asOf: "published", view: s.view === "diff" ? "doc" : s.view }),
        },
        "按发布版本",
      ),
      h(
        "button",
        {
          type: "button",
          id: "as-current",
          class: s.asOf === "current" ? "on" : null,
          title: "快捷键 n",
          onclick: () => ctx.go({ asOf: "current", view: s.view === "diff" ? "doc" : s.view }),
        },
        "当前",
      ),
    ),
    h(
      "form",
      {
        class: "by-date",
        onsubmit: (/** @type {SubmitEvent} */ ev) => (
          ev.preventDefault(),
          dateInput.value && ctx.go({ asOf: dateInput.value })
        ),
      },
      dateInput,
      h("button", { type: "submit" }, "按日期"),
    ),
    h("p", { class: "muted small", id: "as-of-label" }, `正在查看：${asOfName(s.asOf)}`),
    h(
      "ol",
      { class: "events", reversed: true },
      [...events].reverse().map((e) =>
        h(
          "li",
          {
            class:
              [
                e.position === here ? "here" : "",
                here !== undefined && e.position > here ? "future" : "",
                e.type === "DisclosurePublished" ? "published" : "",
              ]
                .join(" ")
                .trim() || null,
          },
          h(
            "button",
            {
              type: "button",
              "data-position": e.position,
              title: `${e.eventId}\n记录于 ${when(e.recordedAt)}\n${e.actor}`,
              onclick: () =>
                ctx.go({
                  asOf: e === events.at(-1) ? "current" : String(e.position),
                  view: s.view === "diff" ? "doc" : s.view,
                }),
            },
            h("span", { class: "pos" }, `#${e.position}`),
            h("span", { class: "type" }, typeName(e.type)),
            h("span", { class: "date" }, e.occurredAt.slice(0, 10)),
            h("span", { class: "sum" }, eventSummary(e)),
          ),
        ),
      ),
    ),
  )
  el.querySelector("li.here")?.scrollIntoView({ block: "nearest" })
}
/* global document */
