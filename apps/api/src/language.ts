/**
 * The language of an answer: officials read Chinese, developers English. `?lang=zh|en` decides;
 * without it the first `Accept-Language` range that names zh or en does; English otherwise, so
 * clients written against the English wording keep it. Applies to the auditor's findings and
 * discrepancies, to the title of every problem and to the detail of the store's and service's errors
 * (`problem-zh.ts`); `type` URIs and field paths never change.
 */
import type { Language } from "@ledger/audit"
import { Schema } from "effect"
import type { Context } from "hono"
import type { Problem, ProblemKind } from "./problem.ts"

/** The `lang` query parameter. @category models */
export const LangParam = Schema.optionalKey(Schema.Literals(["zh", "en"])).annotate({
  description:
    "zh: findings, discrepancies, problem titles and details in Chinese (for officials); en: English (for developers). Default: Accept-Language, else en",
})

/** The language a request asks for. @category models */
export const languageOf = (c: Pick<Context, "req">): Language => {
  const q = c.req.query("lang")
  if (q === "zh" || q === "en") return q
  for (const range of (c.req.header("accept-language") ?? "").split(",")) {
    const tag = range.trim().split(";")[0]?.toLowerCase() ?? ""
    if (tag.startsWith("zh")) return "zh"
    if (tag.startsWith("en")) return "en"
  }
  return "en"
}

/** Problem titles in Chinese. @category constants */
const TITLE_ZH: Readonly<Record<ProblemKind, string>> = {
  "malformed-request": "请求格式有误",
  unauthorized: "需要有效的 API 密钥",
  forbidden: "该 API 密钥无权执行此操作",
  "not-found": "未找到",
  "not-published": "该部门本年度尚未公开预算",
  "not-acceptable": "没有符合请求的格式",
  "version-conflict": "数据流不在预期版本，可能有其他写入方同时提交",
  "not-disclosable": "当前账本状态无法生成公开文档",
  "idempotency-conflict": "该幂等键已用于不同的请求内容",
  "payload-too-large": "请求内容过大",
  "unsupported-media-type": "请求内容类型不受支持",
  "invalid-request": "请求格式正确但内容无效",
  "invalid-event": "事件内容无效",
  "rule-violation": "该批事件违反预算规则",
  "checks-failed": "审核发现错误；如确需公开，请以 force=true 强制公开",
  "engine-unavailable": "本服务器不提供此项功能",
  "store-unavailable": "事件存储暂不可用",
  overloaded: "服务器繁忙，请按 Retry-After 所示时间后重试",
  "ledger-integrity": "账本历史与其哈希链不符",
  internal: "内部错误",
}

/** The kind of a problem, from its `type` URI. */
const kindOf = (p: Problem): ProblemKind | undefined => {
  const k = p.type.split("/").at(-1)
  return k !== undefined && Object.hasOwn(TITLE_ZH, k) ? (k as ProblemKind) : undefined
}

/** A problem in a language: the title changes, the type, status, detail and issues do not. @category formatting */
export const problemIn = (p: Problem, lang: Language): Problem => {
  const kind = kindOf(p)
  return lang === "zh" && kind !== undefined ? { ...p, title: TITLE_ZH[kind] } : p
}
