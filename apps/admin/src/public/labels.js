// @ts-check
/** Chinese names of event types, funding sources and as-of points: the words users read on screen. */

/**
 * Event type → short Chinese name.
 * @type {Readonly<Record<string, string>>}
 */
const EVENT_TYPES = {
  DepartmentProfileRecorded: "部门概况",
  UnitRegistered: "单位登记",
  ProjectRegistered: "项目登记",
  PerformanceTargetsRecorded: "项目绩效目标",
  UnitOverallTargetsRecorded: "整体绩效目标",
  PriorYearBudgetRecorded: "上年预算数",
  NarrativeNoteRecorded: "说明备注",
  AssetHoldingsRecorded: "资产占有",
  AppropriationRecorded: "预算安排",
  CarryoverRecorded: "上年结转",
  AdjustmentRecorded: "预算调整",
  DisclosurePublished: "发布公开",
  YearEndClosed: "年终结转",
  FunctionPurposeRecorded: "功能科目用途",
  ItemReasonRecorded: "增减原因",
  ProcurementReservationRecorded: "中小企业预留",
  VehicleFleetRecorded: "车辆情况",
  PlannedPurchasesRecorded: "拟购置资产",
  PerformanceSummaryRecorded: "绩效目标概况",
  OrganizationBodyRecorded: "机构设置",
}

/**
 * The Chinese name of an event type (the type itself when unknown).
 * @param {string} type
 */
export const typeName = (type) => EVENT_TYPES[type] ?? type

/**
 * Funding sources as the tables print them.
 * @type {Readonly<Record<string, string>>}
 */
export const FUNDING = {
  "general-budget": "一般公共预算",
  "government-fund": "政府性基金预算",
  "state-capital": "国有资本经营预算",
  "special-account": "财政专户管理资金",
  "unit-funds": "单位资金",
}

/**
 * A line's expenditure kind in words.
 * @param {{ kind: string, category?: string, deptEconomicCode?: string | undefined, projectId?: string } | null | undefined} e
 */
export const expenditureName = (e) =>
  !e
    ? ""
    : e.kind === "basic"
      ? `基本支出·${e.category === "personnel" ? "人员经费" : "公用经费"}${e.deptEconomicCode ? ` ${e.deptEconomicCode}` : ""}`
      : `项目支出 ${e.projectId}${e.deptEconomicCode ? ` ${e.deptEconomicCode}` : ""}`

/**
 * An as-of point in words.
 * @param {string | null | undefined} asOf
 */
export const asOfName = (asOf) =>
  !asOf || asOf === "current"
    ? "当前"
    : asOf === "published"
      ? "按发布版本"
      : /^\d+$/.test(asOf)
        ? `截至事件位置 ${asOf}`
        : `截至 ${asOf}`

/**
 * One line summary of an event's payload, for the timeline and the audit list.
 * @param {{ type: string, data?: any }} e
 */
export const eventSummary = (e) => {
  const d = e.data ?? {}
  switch (e.type) {
    case "AppropriationRecorded":
    case "CarryoverRecorded":
      return `${d.line?.lineId ?? ""} ${d.line?.amount ?? ""} 元`
    case "AdjustmentRecorded":
      return d.change?.kind === "amount"
        ? `${d.change.lineId} ${d.change.delta} 元 · ${d.documentNumber ?? ""}`
        : `调剂 ${d.change?.fromLineId ?? ""} → ${d.change?.toLine?.lineId ?? ""} ${d.change?.toLine?.amount ?? ""} 元 · ${d.documentNumber ?? ""}`
    case "ProjectRegistered":
    case "UnitRegistered":
      return d.name ?? ""
    case "DisclosurePublished":
      return d.documentHash ? `文档哈希 ${String(d.documentHash).slice(0, 10)}` : ""
    default:
      return ""
  }
}

/**
 * Known API issue messages in Chinese; an unknown message is shown as the API wrote it.
 * @type {ReadonlyArray<readonly [RegExp, (m: RegExpExecArray) => string]>}
 */
const MESSAGES = [
  [
    /^must be a signed amount in 元.*$/,
    () => "须为以字符串书写的元金额，可带正负号，最多两位小数，如 -1200.00",
  ],
  [/^must be an amount in 元.*$/, () => "须为以字符串书写的元金额，最多两位小数，如 1578100.00"],
  [/^Expected a value with a length of at least 1$/, () => "不能为空"],
  [/^Missing key$/, () => "必填"],
  [/^line (\S+) does not exist$/, (m) => `预算指标 ${m[1]} 不存在`],
  [
    /^line (\S+) holds (\S+); a change of (\S+) would leave it below zero$/,
    (m) => `指标 ${m[1]} 现有 ${m[2]} 元，调整 ${m[3]} 元后将小于零`,
  ],
  [/^must be a date .*$/, () => "须为日期，如 2026-01-20"],
  [/^must be 1–64 letters.*$/, () => "须为 1–64 位字母、数字或 . _ : -，以字母或数字开头"],
]

/**
 * An API issue message in Chinese when it is a known one.
 * @param {string} message
 */
export const messageZh = (message) => {
  for (const [re, f] of MESSAGES) {
    const m = re.exec(message)
    if (m) return f(m)
  }
  return message
}
