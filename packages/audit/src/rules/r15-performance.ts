/**
 * R15: the performance-target tables (绩效目标表) — one per project of table 12; annual funds equal
 * the project's amount; the implementation period's funds are not below the year's and equal them
 * for a one-year one-off project; sources add up; money-valued indicators agree with the funds;
 * 填报日期 precedes the budget year; 立项依据 names no stale budget year.
 *
 * @module r15-performance
 */
import { Money } from "@ledger/domain"
import type { Finding } from "../model/finding.ts"
import type { Funds, PerformanceTable } from "../model/document.ts"
import { countAfter } from "../narrative/extract.ts"
import { projectList } from "../narrative/figures.ts"
import { amt, yuanToWan, within } from "../util/amount.ts"
import { lines, yuanOf } from "../util/ledger.ts"
import { finding, type Rule, type RuleContext } from "./context.ts"
import { PLACEHOLDER } from "./r14-text.ts"

const sources = (f: Funds) =>
  Money.sum([f.central, f.provincial, f.local, f.selfRaised, f.other].map((x) => amt(x)))

/** A money-valued indicator ("60万元", "≤290000元", "97.8万元/年") in 元, with its comparison. @category parsing */
const indicatorYuan = (value: string): { yuan: Money.Money; atMost: boolean } | undefined => {
  const m = /^\s*([≤<]?)\s*(\d[\d,]*(?:\.\d+)?)\s*(万元|元)/.exec(value)
  if (m === null) return undefined
  const n = amt(m[2])
  return { yuan: m[3] === "万元" ? Money.fromWan(n) : n, atMost: m[1] !== "" }
}

/**
 * domain.md §5.1 R15 has hard rules (年度 = table 12, 实施期 ≥ 年度, sources add up) and "should"
 * rules (a one-year one-off project's 实施期 = 年度, the cost indicator agrees, 填报日期 before
 * publication, no stale year in 立项依据): the latter are warnings — declarations to query, not
 * arithmetic the ledger can contradict.
 */
const fundsChecks = (fy: number, t: PerformanceTable, ctx: RuleContext): Finding[] => {
  const out: Finding[] = []
  const place = (row: string) => ({ project: t.projectName, row })
  const impl = amt(t.implementationFunds.total)
  const annual = amt(t.annualFunds.total)
  if (Money.compare(impl, annual) < 0)
    out.push(
      finding(
        "R15",
        "period-funds-below-annual",
        place("实施期资金总额"),
        `实施期资金总额 ${impl}元 is below 年度资金总额 ${annual}元`,
        { expected: `≥ ${annual}`, actual: impl },
      ),
    )
  else if (t.oneOff && (t.periodYears ?? 1) === 1 && Money.compare(impl, annual) !== 0) {
    out.push(
      finding(
        "R15",
        "one-off-period-funds",
        place("实施期资金总额"),
        `a one-year one-off project: 实施期资金总额 ${impl}元 should equal 年度资金总额 ${annual}元`,
        { severity: "warning", expected: annual, actual: impl },
      ),
    )
  }
  for (const [label, f] of [
    ["实施期", t.implementationFunds],
    ["年度", t.annualFunds],
  ] as const) {
    if (Money.compare(sources(f), amt(f.total)) !== 0)
      out.push(
        finding(
          "R15",
          "funds-sources",
          place(`${label}资金来源`),
          `${label} sources add up to ${sources(f)}元, the total says ${amt(f.total)}元`,
          { expected: amt(f.total), actual: sources(f) },
        ),
      )
  }
  for (const i of t.indicators) {
    for (const [name, value, funds, col] of [
      [i.name, i.value, impl, "实施期"],
      [i.annualName, i.annualValue, annual, "年度"],
    ] as const) {
      const y = indicatorYuan(value)
      if (y === undefined || Money.isZero(funds)) continue
      const ok = y.atMost ? Money.compare(funds, y.yuan) <= 0 : Money.compare(funds, y.yuan) === 0
      const isCost = i.level2.includes("成本")
      if (!ok && (isCost || /费|成本|资金/.test(name))) {
        out.push(
          finding(
            "R15",
            isCost ? "cost-indicator-vs-annual" : "amount-indicator-vs-annual",
            place(`${col}/${i.level2}/${name}`),
            `${col} indicator "${name} ${value}" disagrees with the ${col} funds ${funds}元`,
            { severity: "warning", expected: funds, actual: value },
          ),
        )
      }
    }
  }
  if (t.filledAt.length >= 8) {
    const filled = t.filledAt.slice(0, 8)
    const published = ctx.state?.publications.at(-1)?.ref.occurredAt?.replace(/-/g, "").slice(0, 8)
    if (filled >= `${fy}0101`)
      out.push(
        finding(
          "R15",
          "filled-after-year-start",
          place("填报日期"),
          `填报日期 ${t.filledAt} is after the ${fy} budget year began; targets are filed before the budget is approved`,
          { severity: "warning", expected: `< ${fy}0101`, actual: t.filledAt },
        ),
      )
    else if (published !== undefined && filled > published)
      out.push(
        finding(
          "R15",
          "filled-after-publication",
          place("填报日期"),
          `填报日期 ${t.filledAt} is after publication (${published})`,
          { severity: "warning", expected: `≤ ${published}`, actual: t.filledAt },
        ),
      )
  }
  for (const m of t.basis.matchAll(/(?<!\d)((?:19|20)\d{2})年(?:度)?(?:部门)?预算/g)) {
    if (Number(m[1]) !== fy)
      out.push(
        finding(
          "R15",
          "stale-year-basis",
          place("立项依据"),
          `立项依据 cites "${m[0]}" in a ${fy} budget: text carried over from an earlier year`,
          { severity: "warning", expected: String(fy), actual: m[1] ?? "" },
        ),
      )
  }
  const ph = PLACEHOLDER.exec(`${t.projectName} ${t.basis}`)
  if (ph !== null)
    out.push(
      finding("R15", "placeholder", place("项目"), `placeholder "${ph[0]}" left in`, { actual: ph[0] }),
    )
  return out
}

/** R15 over the printed performance tables (skipped when the document carries none). @category rules */
export const r15: Rule = (ctx) => {
  const printed = ctx.doc.performance
  if (printed === undefined) return []
  const out: Finding[] = []
  const { projects } = projectList(ctx)
  const matches = (t: PerformanceTable, p: { unit: string; name: string }) =>
    t.projectName === p.name && (t.unitName === "" || t.unitName === p.unit)
  // "One table per project, unless the text says otherwise": when section 十 states exactly as many
  // published targets as there are tables, a project without a table is what the text says.
  const s10 = ctx.doc.narrative.find((s) => s.id === "十")
  const statedPublished = s10 === undefined ? undefined : countAfter(s10.text, "公开项目绩效目标", "个")
  const textExplainsMissing = statedPublished !== undefined && statedPublished.value === printed.length
  for (const p of projects) {
    const t = printed.find((x) => matches(x, p))
    if (t === undefined) {
      if (textExplainsMissing) continue
      out.push(
        finding(
          "R15",
          "target-table-missing",
          { table: "12", row: p.name },
          `project "${p.name}" of ${p.unit} (${p.amount}万元) has no 绩效目标表`,
          { expected: "1", actual: "0" },
        ),
      )
      continue
    }
    const annualWan = yuanToWan(t.annualFunds.total)
    if (!within(annualWan, p.amount))
      out.push(
        finding(
          "R15",
          "annual-funds-vs-table",
          { project: p.name, row: "年度资金总额" },
          `年度资金总额 ${t.annualFunds.total}元 is not table 12's ${p.amount}万元`,
          { expected: p.amount, actual: annualWan },
        ),
      )
    const state = ctx.state
    if (state !== undefined && state.lines.size > 0) {
      const proj = [...state.projects.values()].find(
        (x) =>
          x.name === p.name &&
          [...state.units.values()].some(
            (u) => u.unitCode === x.unitCode && (u.name === p.unit || t.unitName === u.name),
          ),
      )
      if (proj !== undefined) {
        const ledger = yuanOf(
          lines(state),
          (l) =>
            l.vintage === "current" &&
            l.line.expenditure.kind === "project" &&
            l.line.expenditure.projectId === proj.projectId,
        )
        if (Money.compare(ledger, amt(t.annualFunds.total)) !== 0)
          out.push(
            finding(
              "R15",
              "annual-funds-vs-ledger",
              { project: p.name, row: "年度资金总额" },
              `年度资金总额 ${amt(t.annualFunds.total)}元 vs the ledger's ${ledger}元`,
              {
                expected: ledger,
                actual: amt(t.annualFunds.total),
                ledger,
                published: amt(t.annualFunds.total),
              },
            ),
          )
      }
    }
  }
  for (const t of printed) out.push(...fundsChecks(ctx.doc.fiscalYear, t, ctx))
  return out
}
