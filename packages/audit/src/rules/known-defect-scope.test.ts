/**
 * §5.2 labels belong to the reference document: the same genuine error (an R15 annual-funds
 * mismatch, item 7's class) is labelled on the reference department-year and left unlabelled on
 * another department's document or another year, so a filter on known defects never hides it.
 */
import { Result } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import type { BudgetState } from "@ledger/domain"
import { reconcile } from "../index.ts"
import type { AuditDocument } from "../model/document.ts"
import type { Finding } from "../model/finding.ts"
import { fromDisclosure } from "../model/from-disclosure.ts"
import { added } from "../testing-fixtures/mutate.ts"
import { derivedReference, referenceText } from "../testing-fixtures/reference.ts"
import { checkAudit } from "./index.ts"
import { describesDocument } from "./known-defect-scope.ts"

let doc: AuditDocument
let state: BudgetState.BudgetState

beforeAll(() => {
  const r = derivedReference()
  state = r.state
  doc = fromDisclosure(r.disclosure, state)
})

/** The reference document with one performance table's 年度资金总额 off by 1000元. */
const brokenFunds = (d: AuditDocument): AuditDocument => {
  const perf = [...(d.performance ?? [])]
  const t = perf[0]
  if (t === undefined) throw new Error("no performance table")
  const total = String(Number(t.annualFunds.total) + 1000)
  perf[0] = { ...t, annualFunds: { ...t.annualFunds, total } }
  return { ...d, performance: perf }
}

const newErrors = (d: AuditDocument): Finding[] =>
  added(checkAudit(d, state).findings, checkAudit(brokenFunds(d), state).findings).filter(
    (f) => f.check === "annual-funds-vs-table",
  )

describe("known-defect labels are scoped to the reference document", () => {
  it("the reference department-year is the one §5.2 describes", () => {
    expect(describesDocument(doc)).toBe(true)
    expect(describesDocument({ ...doc, departmentName: "某县农业农村局" })).toBe(false)
    expect(describesDocument({ ...doc, fiscalYear: doc.fiscalYear + 1 })).toBe(false)
  })

  it("an R15 error on the reference document carries item 7", () => {
    const news = newErrors(doc)
    expect(news.length).toBeGreaterThan(0)
    expect(news.every((f) => f.rule === "R15" && f.knownDefect === 7)).toBe(true)
  })

  it("the same error of another department or year carries no label", () => {
    for (const other of [
      { ...doc, departmentName: "某县农业农村局" },
      { ...doc, fiscalYear: doc.fiscalYear + 1 },
    ]) {
      const news = newErrors(other)
      expect(news.length).toBeGreaterThan(0)
      expect(news.every((f) => f.severity === "error" && f.knownDefect === undefined)).toBe(true)
      expect(checkAudit(other, state).findings.some((f) => f.knownDefect !== undefined)).toBe(false)
    }
  })

  it("reconcile labels the reference text's defects, and none of the same text under another name", () => {
    const labelled = (text: string) => {
      const r = reconcile({ publishedText: text, state })
      if (Result.isFailure(r)) throw new Error(r.failure.message)
      return r.success.discrepancies.filter((d) => d.knownDefect !== undefined).length
    }
    const text = referenceText()
    expect(labelled(text)).toBeGreaterThan(0)
    expect(labelled(text.replaceAll(doc.departmentName, "某县农业农村局"))).toBe(0)
  })
})
