// @ts-check
/**
 * The browser's only way to the ledger: the `/v1` API on the same origin, with the key the user
 * entered once (kept in sessionStorage, so it dies with the tab). Every answer comes back as
 * `{ ok, status, data, problem }`; a problem is the API's RFC 9457 body with its field `issues`.
 */
/* (fetch, sessionStorage and Headers are Node globals too) */

const KEY = "ledger-admin-key"

/** The stored key, or null. */
export const getKey = () => sessionStorage.getItem(KEY)
/**
 * Stores the key for this tab.
 * @param {string} key
 */
export const setKey = (key) => sessionStorage.setItem(KEY, key.trim())
/** Forgets the key. */
export const clearKey = () => sessionStorage.removeItem(KEY)

/** @typedef {import("@ledger/api").Problem} Problem */

/**
 * What {@link call} sends: `json` as JSON, `text` as text/plain; `raw` hands back the response
 * unread when it is a success.
 * @typedef {{ method?: string, headers?: Record<string, string>, json?: unknown, text?: string, raw?: boolean }} CallInit
 */

/**
 * An answer of the API: a success with its decoded JSON, or a failure with the API's problem
 * (`response` is absent when the server could not be reached).
 * @typedef {{ ok: boolean, status: number, data?: any, problem?: Partial<Problem>, response?: Response }} Answer
 */

/**
 * Calls the API. `init.json` is sent as JSON, `init.text` as text/plain.
 * @param {string} path
 * @param {CallInit} [init]
 * @returns {Promise<Answer>}
 */
export const call = async (path, init = {}) => {
  const headers = new Headers(init.headers ?? {})
  const key = getKey()
  if (key) headers.set("authorization", `Bearer ${key}`)
  /** @type {string | null} */
  let body = null
  if (init.json !== undefined) {
    headers.set("content-type", "application/json")
    body = JSON.stringify(init.json)
  } else if (init.text !== undefined) {
    headers.set("content-type", "text/plain; charset=utf-8")
    body = init.text
  }
  let response
  try {
    response = await fetch(path, { method: init.method ?? "GET", headers, body })
  } catch (e) {
    return { ok: false, status: 0, problem: { title: "无法连接服务器", detail: String(e) } }
  }
  const type = response.headers.get("content-type") ?? ""
  if (init.raw && response.ok) return { ok: true, status: response.status, response }
  const data = type.includes("json") ? await response.json().catch(() => undefined) : undefined
  if (!response.ok) {
    const problem = data ?? {
      title: `HTTP ${response.status}`,
      detail: await response.text().catch(() => ""),
    }
    return { ok: false, status: response.status, problem, response }
  }
  return { ok: true, status: response.status, data, response }
}

/**
 * The path of a department-year resource.
 * @param {string} dept
 * @param {string | number} year
 * @param {string} [rest]
 */
export const dy = (dept, year, rest = "") =>
  `/v1/departments/${encodeURIComponent(dept)}/years/${encodeURIComponent(year)}${rest}`

/**
 * `?asOf=…` for a point (nothing for current).
 * @param {string | null | undefined} asOf
 * @param {string} [sep]
 */
export const asOfQuery = (asOf, sep = "?") =>
  asOf && asOf !== "current" ? `${sep}asOf=${encodeURIComponent(asOf)}` : ""

/**
 * A problem as one line of Chinese-first text.
 * @param {Partial<Problem> | null | undefined} p
 */
export const problemText = (p) => {
  if (!p) return "未知错误"
  /** @type {Record<number, string>} */
  const statuses = {
    400: "请求有误",
    401: "密钥无效或已撤销",
    403: "该密钥无权执行此操作",
    404: "未找到",
    409: "冲突",
    413: "内容过大",
    415: "内容类型不支持",
    422: "校验未通过，未写入任何数据",
    503: "存储暂不可用",
  }
  const status = p.status === undefined ? undefined : statuses[p.status]
  const count = p.issues?.length
  if (status && count) return `${status}（${count} 处问题）`
  return [status, p.detail ?? p.title].filter(Boolean).join("：")
}
