/**
 * R14: every amount in sections 一–八 equals its table figure, every share and year-over-year
 * percentage recomputes under domain.md §1.4, and section 四 states table 4 as it should be.
 *
 * @module r14-narrative
 */
import { Money } from "@ledger/domain"
import type { Finding, Place } from "../model/finding.ts"
import type { Section } from "../model/document.ts"
import { decimals, money, roundPercent, statedAfter, yoyClauses } from "../narrative/extract.ts"
import { type Expectation, sectionExpectations } from "../narrative/figures.ts"
import { isUnitSlip, within } from "../util/amount.ts"
import { finding, type Rule, type RuleContext } from "./context.ts"
import { expectedT4 } from "./expected-t4.ts"

const place = (s: Section, row?: string): Place =>
  row === undefined ? { section: s.id } : { section: s.id, row }

/** Compares a stated percentage with the recomputed one; a shorter rounding of the right value is a precision slip. @category rules */
export const checkPercent = (s: Section, what: string, stated: string, expected: Money.Money): Finding[] => {
  const got = money(stated)
  if (got === undefined)
    return [
      finding("R14", "narrative-share", place(s, what), `${what}: "${stated}%" is not a percentage`, {
        expected,
        actual: stated,
      }),
    ]
  if (Money.compare(got, expected) === 0) return []
  const places = decimals(stated)
  // A one-decimal figure that is the right value rounded is a precision slip, not a wrong figure.
  if (places === 1 && roundPercent(expected, places) === stated) {
    return [
      finding(
        "R14",
        "percent-precision",
        place(s, what),
        `${what}: ${stated}% is ${expected}% written with ${places} decimal(s); every other percentage has two`,
        { expected, actual: stated },
      ),
    ]
  }
  if (within(got, expected)) return [] // 元-exact vs printed-万元 rounding
  return [
    finding("R14", "narrative-share", place(s, what), `${what}: stated ${stated}%, recomputed ${expected}%`, {
      expected,
      actual: stated,
    }),
  ]
}

const checkStated = (s: Section, e: Expectation): Finding[] =>
  statedAfter(s.text, e.label).flatMap((st) => {
    const out: Finding[] = []
    const got = money(st.text)
    if (got === undefined || !within(got, e.value)) {
      const slip = got !== undefined && isUnitSlip(got, e.value)
      out.push(
        finding(
          "R14",
          slip ? "unit-slip" : "narrative-amount",
          place(s, e.label),
          slip
            ? `${e.label}: ${st.text}万元 is ${e.value}万元 written in the wrong unit (元/万元)`
            : `${e.label}: the text says ${st.text}万元, the tables say ${e.value}万元`,
          {
            expected: e.value,
            actual: st.text,
          },
        ),
      )
    }
    if (e.shareOf !== undefined && st.share !== undefined)
      out.push(
        ...checkPercent(s, `${e.label}占比`, st.share, Money.make(Money.percentOfWan(e.value, e.shareOf))),
      )
    return out
  })

/** The year-over-year clauses: the change and the percentage recompute; the prior agrees with the ledger. @category rules */
const checkYoy = (ctx: RuleContext, s: Section): Finding[] =>
  yoyClauses(s.text).flatMap((c) => {
    const out: Finding[] = []
    const base = money(c.base)
    const delta = money(c.delta)
    if (base === undefined || delta === undefined) return out
    const statedPrior = money(c.prior)
    const prior = statedPrior ?? (c.direction === "减少" ? Money.add(base, delta) : Money.sub(base, delta))
    if (statedPrior !== undefined) {
      const implied = c.direction === "减少" ? Money.sub(statedPrior, delta) : Money.add(statedPrior, delta)
      if (!within(implied, base, 2))
        out.push(
          finding(
            "R14",
            "yoy-change",
            place(s, "比上年"),
            `${statedPrior} ${c.direction} ${delta} is ${implied}, not ${base}`,
            { expected: implied, actual: base },
          ),
        )
    }
    if ((c.direction === "增加") !== (c.percentWord === "增长")) {
      out.push(
        finding(
          "R14",
          "yoy-direction",
          place(s, "比上年"),
          `"${c.direction}" is followed by "${c.percentWord}"`,
          { actual: c.direction + c.percentWord },
        ),
      )
    }
    out.push(...checkPercent(s, "比上年变动率", c.percent, Money.make(Money.percentOfWan(delta, prior))))
    const py = ctx.state?.priorYear
    if (py !== undefined) {
      const ledgerPrior =
        s.id === "五"
          ? py.generalBudgetCurrent
          : s.id === "八"
            ? py.operatingCosts
            : s.id === "一"
              ? c.clause.includes("支出")
                ? py.expenditureTotal
                : py.incomeTotal
              : undefined
      if (ledgerPrior !== undefined) {
        const wan = Money.make(Money.toWan(Money.make(ledgerPrior)))
        if (!within(wan, prior, 2))
          out.push(
            finding(
              "R14",
              "yoy-prior-ledger",
              place(s, "上年预算"),
              `the prior-year figure implied by the text is ${prior}万元, the ledger's is ${wan}万元`,
              { expected: wan, actual: prior, ledger: wan, published: prior },
            ),
          )
      }
    }
    return out
  })

/** Section 四 states table 4 as it should be: the 财政拨款 part of table 1 / the ledger. @category rules */
const checkSection4 = (ctx: RuleContext, s: Section): Finding[] => {
  const exp = expectedT4(ctx)
  if (exp === undefined) return []
  const e: Expectation[] = [
    { label: "财政拨款收支总预算", value: exp.grandTotal },
    { label: "一般公共预算拨款", value: Money.add(exp.current.gpb, exp.carry.gpb) },
    { label: "政府性基金预算拨款", value: Money.add(exp.current.fund, exp.carry.fund) },
    { label: "国有资本经营预算拨款", value: Money.add(exp.current.soe, exp.carry.soe) },
    { label: "当年拨款收入", value: exp.currentTotal },
    { label: "上年结转收入", value: exp.carryTotal },
  ]
  const out = (exp.splitKnown ? e : e.filter((x) => !x.label.endsWith("预算拨款"))).flatMap((x) =>
    checkStated(s, x),
  )
  if (/支出包括[：:]\s*无/.test(s.text) && !Money.isZero(exp.grandTotal)) {
    out.push(
      finding(
        "R14",
        "n4-no-expenditure",
        place(s, "支出包括"),
        `section 四 says the 财政拨款 expenditure is "无", but it totals ${exp.grandTotal}万元 by class`,
        { expected: exp.grandTotal, actual: "无" },
      ),
    )
  }
  return out
}

/** R14 (amounts, shares, year-over-year) over sections 一–八. @category rules */
export const r14Figures: Rule = (ctx) => {
  const expectations = sectionExpectations(ctx)
  return ctx.doc.narrative.flatMap((s) => [
    ...(expectations.get(s.id) ?? []).flatMap((e) => checkStated(s, e)),
    ...(s.id === "四" ? checkSection4(ctx, s) : []),
    ...(["一", "五", "七", "八"].includes(s.id) ? checkYoy(ctx, s) : []),
  ])
}
