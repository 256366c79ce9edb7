/**
 * Findings for officials: the same finding worded in Chinese (`lang=zh`), built from its structure
 * — rule, place, and the two sides it compares — so every rule, including rule sets added later,
 * has a Chinese message without a translation table per sentence. English (`en`) stays the
 * developers' wording the rules write. The structured fields never change with the language.
 *
 * @module language
 */
import type { CheckResult, Discrepancy, Finding, Place, RuleId } from "./finding.ts"

/** The languages findings, problems and admin messages are available in. @category models */
export const LANGUAGES = ["zh", "en"] as const
/** @category models */
export type Language = (typeof LANGUAGES)[number]

/** What each rule checks (domain.md §5.1), as an official reads it. @category constants */
export const RULE_ZH: Readonly<Record<RuleId, string>> = {
  R1: "收支总表收支平衡",
  R2: "收支总表与收入总表一致",
  R3: "收支总表与支出总表一致",
  R4: "科目层级汇总与基本、项目支出合计",
  R5: "支出总表与收入总表按科目一致",
  R6: "财政拨款收支总表",
  R7: "一般公共预算支出表",
  R8: "基本支出分经济科目表",
  R9: "政府性基金、国有资本经营预算表及“本表无数据”",
  R10: "“三公”经费",
  R11: "机关运行经费",
  R12: "项目支出表（本年预算）",
  R13: "项目支出表（上年结转）",
  R14: "情况说明中的金额、比例与文字",
  R15: "项目支出绩效目标表",
  R16: "年度、单位名称与单位数量",
}

/** A place as an official reads it: 表12/高标准农田建设管理/合计, 情况说明/八, 绩效目标表/某项目/年度资金总额. */
const placeZh = (p: Place): string => {
  const parts = (head: string, ...rest: Array<string | undefined>) =>
    [head, ...rest.filter((x): x is string => x !== undefined && x !== "")].join("/")
  if (p.project !== undefined) return parts("绩效目标表", p.project, p.row)
  if (p.table !== undefined && p.section === undefined) return parts(`表${p.table}`, p.row, p.column)
  if (p.section === "名词解释" || p.section === "机构设置") return parts(p.section, p.row)
  if (p.section !== undefined) return parts("情况说明", p.section, p.row)
  return "文档"
}

/** The Chinese message of a finding: its place, the rule and what the two sides say. @category formatting */
export const findingMessageZh = (f: Finding): string => {
  const head = `${f.severity === "warning" ? "提示" : "错误"}（${f.rule} ${RULE_ZH[f.rule]}）${placeZh(f.place)}`
  if (f.ledger !== undefined && f.published !== undefined)
    return `${head}：账本为 ${f.ledger}，文档为 ${f.published}`
  if (f.expected !== undefined && f.actual !== undefined)
    return `${head}：按规则应为 ${f.expected}，文档为 ${f.actual}`
  return `${head}：不符合要求（检查项 ${f.check}）`
}

/** A check result in a language: `zh` rewords every message, `en` leaves it as the rules wrote it. @category formatting */
export const checkResultIn = (r: CheckResult, lang: Language): CheckResult =>
  lang === "en" ? r : { ...r, findings: r.findings.map((f) => ({ ...f, message: findingMessageZh(f) })) }

/** A discrepancy in a language (its `where` is the finding's place). @category formatting */
export const discrepancyIn = (d: Discrepancy, lang: Language): Discrepancy =>
  lang === "en"
    ? d
    : {
        ...d,
        message: findingMessageZh({
          rule: d.rule,
          check: d.check,
          place: d.where,
          message: d.message,
          severity: d.severity,
          ledger: d.ledger === "" ? "（无）" : d.ledger,
          published: d.published === "" ? "（无）" : d.published,
        }),
      }
