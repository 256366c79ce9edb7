// @ts-check
/**
 * The 追加调整 view (writer key): append an adjustment (追加/追减 of one budget line) through a form
 * and publish the current state. The form is validated by the API itself — the same decoding and
 * rules every finance system meets — and each issue it names (`events[0].data.change.delta`) is
 * shown next to its field; a refused batch writes nothing.
 */

import { lineName, namesOf } from "./names.js"
import { call, dy, problemText } from "./api.js"
import { h, replace, shortHash, toast } from "./dom.js"
import { messageZh } from "./labels.js"

/** @typedef {import("./app.js").ViewContext} ViewContext */
/**
 * An event as `GET …/events` answers it (the fields this view reads).
 * @typedef {{ type: string, data?: any }} WireEvent
 */

/**
 * Where an API issue path lands in the form.
 * @type {Readonly<Record<string, string>>}
 */
const FIELD_OF = {
  "data.adjustmentId": "adjustmentId",
  idempotencyKey: "adjustmentId",
  eventId: "adjustmentId",
  "data.reason": "reason",
  "data.documentNumber": "documentNumber",
  "data.change.lineId": "lineId",
  "data.change.delta": "delta",
  occurredAt: "occurredAt",
}

/**
 * The field an issue path (`events[0].data.change.delta`) belongs to, or undefined.
 * @param {unknown} path
 * @returns {string | undefined}
 */
const fieldOf = (path) => FIELD_OF[String(path).replace(/^(body\.)?events(\[0\]|\.0)\.?/, "")]

/**
 * The budget lines the stream's events name (allocations and adjustments' new lines), by line ID.
 * @param {ReadonlyArray<WireEvent>} events
 * @returns {Array<import("./names.js").LineLike & { amount?: string }>}
 */
const linesOf = (events) => {
  /** @type {Map<string, import("./names.js").LineLike & { amount?: string }>} */
  const lines = new Map()
  for (const e of events) {
    const line = e.type === "AdjustmentRecorded" ? e.data?.change?.toLine : e.data?.line
    if (line?.lineId) lines.set(line.lineId, line)
  }
  return [...lines.values()].sort((a, b) => a.lineId.localeCompare(b.lineId))
}

/**
 * One labelled form field with its hint and its error slot (`attrs.tag: "textarea"` for a textarea).
 * @param {string} name
 * @param {string} label
 * @param {Record<string, unknown>} [attrs]
 * @param {string} [hint]
 */
const input = (name, label, attrs = {}, hint = "") =>
  h(
    "div",
    { class: "field", "data-field": name },
    h("label", { for: `f-${name}` }, label),
    attrs.tag === "textarea"
      ? h("textarea", { id: `f-${name}`, name, rows: 2, ...attrs, tag: null })
      : h("input", { id: `f-${name}`, name, autocomplete: "off", ...attrs }),
    hint ? h("small", { class: "hint" }, hint) : null,
    h("p", { class: "field-error", id: `e-${name}`, role: "alert" }),
  )

const today = () => new Date().toISOString().slice(0, 10)

/**
 * The 追加调整 form: posts one AdjustmentRecorded event and shows the API's issues by field.
 * @param {ViewContext} ctx
 * @param {ReadonlyArray<WireEvent>} events
 * @param {import("./names.js").Names} names
 */
const adjustmentForm = (ctx, events, names) => {
  const s = ctx.state
  const lines = linesOf(events)
  const formError = h("div", { class: "form-error", id: "form-error", role: "alert" })
  const result = h("div", { id: "append-result" })
  const form = h(
    "form",
    { id: "adjust-form", class: "grid-form", novalidate: true },
    h(
      "datalist",
      { id: "line-ids" },
      lines.map((l) => h("option", { value: l.lineId }, `${lineName(l, names)} · ${l.amount} 元`)),
    ),
    input("adjustmentId", "调整编号", { required: true, placeholder: "ADJ-2026-003" }),
    input("lineId", "预算指标（指标 ID）", { required: true, list: "line-ids", placeholder: "输入或选择" }),
    input(
      "delta",
      "调整金额（元）",
      { required: true, inputmode: "decimal", placeholder: "30000.00 或 -1200.00" },
      "正数追加，负数追减；最多两位小数",
    ),
    input("documentNumber", "文号", { required: true, placeholder: "屯财预〔2026〕号" }),
    input("occurredAt", "批准日期", { type: "date", required: true, value: today() }),
    input("reason", "调整原因", { tag: "textarea", required: true }),
    formError,
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary" }, "追加调整")),
    result,
  )
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault()
    for (const el of form.querySelectorAll(".field-error")) el.textContent = ""
    for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid")
    formError.textContent = ""
    replace(result)
    const v = Object.fromEntries(new FormData(form).entries())
    const event = {
      stream: { department: s.dept, year: Number(s.year) },
      schemaVersion: 1,
      occurredAt: v.occurredAt,
      idempotencyKey: `${s.dept}/${s.year}/adjustment/${v.adjustmentId}`,
      type: "AdjustmentRecorded",
      data: {
        adjustmentId: v.adjustmentId,
        reason: v.reason,
        documentNumber: v.documentNumber,
        change: { kind: "amount", lineId: v.lineId, delta: v.delta },
      },
    }
    const r = await call(dy(s.dept, s.year, "/events"), {
      method: "POST",
      json: { events: [event] },
      headers: { "idempotency-key": `admin-${crypto.randomUUID()}` },
    })
    if (!r.ok) {
      const loose = []
      for (const issue of r.problem?.issues ?? []) {
        const name = fieldOf(issue.path)
        const slot = name && /** @type {HTMLElement | null} */ (form.querySelector(`#e-${name}`))
        if (slot) {
          slot.textContent = [slot.textContent, messageZh(issue.message)].filter(Boolean).join("；")
          slot.title = issue.message
          form.querySelector(`#f-${name}`)?.setAttribute("aria-invalid", "true")
        } else loose.push(`${issue.path}：${messageZh(issue.message)}`)
      }
      formError.textContent = [problemText(r.problem), ...loose].join("\n")
      const invalid = /** @type {HTMLElement | null} */ (form.querySelector("[aria-invalid]"))
      invalid?.focus()
      return
    }
    replace(
      result,
      h(
        "div",
        { class: "notice ok", id: "append-ok" },
        `已写入：事件位置 ${r.data.firstPosition ?? "—"}，流版本 ${r.data.toVersion}${r.data.skipped ? `（${r.data.skipped} 个重复事件已跳过）` : ""}。`,
      ),
    )
    toast("调整已追加")
    form.reset()
    const occurredAt = /** @type {HTMLInputElement} */ (form.elements.namedItem("occurredAt"))
    occurredAt.value = today()
    await ctx.refreshTimeline()
  })
  return form
}

/**
 * The 发布 box: publishes the current state after a confirming second click.
 * @param {ViewContext} ctx
 */
const publishBox = (ctx) => {
  const s = ctx.state
  const out = h("div", { id: "publish-result" })
  const confirm = h(
    "button",
    {
      type: "button",
      class: "danger",
      hidden: true,
      id: "publish-confirm",
      onclick: async () => {
        confirm.disabled = true
        const r = await call(dy(s.dept, s.year, "/publish"), { method: "POST" })
        confirm.disabled = false
        confirm.hidden = true
        if (!r.ok)
          return replace(out, h("div", { class: "notice error", role: "alert" }, problemText(r.problem)))
        const seal = r.data
        replace(
          out,
          h(
            "div",
            { class: "notice ok", id: "publish-ok" },
            `已发布：流版本 ${seal.streamVersion}，事件位置 ${seal.position}，文档哈希 `,
            h("code", { title: seal.documentHash }, shortHash(seal.documentHash)),
            "。“按发布版本”现在指向这一版。",
          ),
        )
        toast("已发布")
        await ctx.refreshTimeline()
      },
    },
    "确认发布",
  )
  return h(
    "section",
    { class: "publish" },
    h("h3", null, "发布"),
    h(
      "p",
      { class: "muted" },
      "把账本的当前状态发布为公开版本：服务器计算并记录封印（流版本、位置、链头哈希、文档哈希）。",
    ),
    h(
      "div",
      { class: "actions" },
      h(
        "button",
        { type: "button", id: "publish", onclick: () => ((confirm.hidden = false), confirm.focus()) },
        "发布当前版本",
      ),
      confirm,
    ),
    out,
  )
}

/**
 * Renders the view into `ctx.main`.
 * @param {ViewContext} ctx
 */
export const writeView = async (ctx) => {
  const events = await ctx.loadEvents()
  const names = await namesOf(ctx)
  replace(
    ctx.main,
    h("h2", null, "追加调整"),
    ctx.role && ctx.role !== "writer"
      ? h("div", { class: "notice" }, "当前密钥不是填报密钥：提交会被服务器拒绝。")
      : null,
    h("p", { class: "muted" }, "与 API 相同的校验：字段有误时错误显示在字段旁，不写入任何数据。"),
    adjustmentForm(ctx, events, names),
    publishBox(ctx),
  )
}
