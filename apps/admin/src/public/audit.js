// @ts-check
/**
 * The 审计 view: every event of the department-year with actor, business and recording time and
 * chain hashes; each link checked here (prevHash = previous hash) and the whole store's chains
 * recomputed by the server (`/v1/verify`, auditor key); the rules R1–R16 on demand.
 */
import { call, dy, problemText } from "./api.js"
import { h, replace, shortHash, when } from "./dom.js"
import { typeName, eventSummary } from "./labels.js"

const ZERO = "0".repeat(64)

const verifyStatus = async () => {
  const r = await call("/v1/verify")
  if (!r.ok)
    return h(
      "div",
      { class: "notice", id: "verify-status" },
      r.status === 403
        ? "校验链：需要审计密钥才能由服务器重新计算全部哈希链。"
        : `校验链：${problemText(r.problem)}`,
    )
  const v = r.data
  return v.ok
    ? h(
        "div",
        { class: "notice ok", id: "verify-status" },
        `校验链：通过 — 服务器重新计算了 ${v.checked ?? "全部"} 个事件、${v.streams ?? "全部"} 条流的哈希链。`,
      )
    : h(
        "div",
        { class: "notice error", id: "verify-status", role: "alert" },
        `校验链：失败 — 流 ${v.streamId ?? ""} 位置 ${v.position ?? ""}：${v.reason ?? ""} ${v.detail ?? ""}`,
      )
}

/**
 * @param {import("./app.js").ViewContext} ctx
 * @param {HTMLElement} out
 */
const checksView = async (ctx, out) => {
  const s = ctx.state
  replace(out, h("p", { class: "muted" }, "正在检查……"))
  const r = await call(
    dy(s.dept, s.year, `/checks${s.asOf !== "current" ? `?asOf=${encodeURIComponent(s.asOf)}` : ""}`),
  )
  if (!r.ok) return replace(out, h("div", { class: "notice error" }, problemText(r.problem)))
  const findings = r.data.findings ?? []
  replace(
    out,
    h("p", null, `通过规则：${(r.data.passed ?? []).join("、") || "无"}；发现 ${findings.length} 项。`),
    findings.length
      ? h(
          "table",
          { class: "findings" },
          h(
            "thead",
            null,
            h(
              "tr",
              null,
              ["规则", "位置", "说明", "级别"].map((x) => h("th", null, x)),
            ),
          ),
          h(
            "tbody",
            null,
            findings.map(
              (
                /** @type {{ severity: string, rule: string, place?: string | Record<string, string>, message: string }} */ f,
              ) =>
                h(
                  "tr",
                  { class: `sev-${f.severity}` },
                  h("td", null, f.rule),
                  h(
                    "td",
                    null,
                    typeof f.place === "string" ? f.place : Object.values(f.place ?? {}).join("/"),
                  ),
                  h("td", null, f.message),
                  h("td", null, f.severity),
                ),
            ),
          ),
        )
      : null,
  )
}

/**
 * Renders the view into `ctx.main`.
 * @param {import("./app.js").ViewContext} ctx
 */
export const auditView = async (ctx) => {
  const events = await ctx.loadEvents(true)
  const checksOut = h("div", { id: "checks" })
  const rows = events.map((/** @type {any} */ e, /** @type {number} */ i) => {
    const prev = events[i - 1]
    const linked = i === 0 ? e.prevHash === ZERO || e.version > 1 : e.prevHash === prev.hash
    return h(
      "tr",
      { class: linked ? null : "broken" },
      h("td", { class: "num" }, e.position),
      h("td", { class: "num" }, e.version),
      h("td", null, typeName(e.type), h("div", { class: "muted small" }, eventSummary(e))),
      h("td", null, e.occurredAt),
      h("td", null, when(e.recordedAt)),
      h("td", null, e.actor),
      h("td", null, h("code", { title: e.hash }, shortHash(e.hash))),
      h(
        "td",
        { class: linked ? "ok" : "bad", title: `prevHash ${e.prevHash}` },
        linked ? "✓ 链接" : "✗ 断链",
      ),
      h(
        "td",
        null,
        h("details", null, h("summary", null, "数据"), h("pre", null, JSON.stringify(e.data, null, 2))),
      ),
    )
  })
  replace(
    ctx.main,
    h("h2", null, "审计 · 事件列表"),
    h(
      "p",
      { class: "muted" },
      `共 ${events.length} 个事件。每一行的“链接”检查它的 prevHash 是否等于上一事件的哈希；服务器校验会重新计算每个事件的哈希。`,
    ),
    h("div", { id: "verify-slot" }, h("p", { class: "muted" }, "正在校验链……")),
    h(
      "div",
      { class: "toolbar no-print" },
      h("button", { type: "button", onclick: () => void checksView(ctx, checksOut) }, "运行规则检查 R1–R16"),
    ),
    checksOut,
    h(
      "table",
      { class: "audit" },
      h(
        "thead",
        null,
        h(
          "tr",
          null,
          ["位置", "版本", "事件", "业务日期", "记录时间", "操作人", "哈希", "校验链", ""].map((x) =>
            h("th", null, x),
          ),
        ),
      ),
      h("tbody", null, rows),
    ),
  )
  const slot = document.getElementById("verify-slot")
  if (slot) replace(slot, await verifyStatus())
}
/* global document */
