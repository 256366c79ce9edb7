/**
 * §5.2 labels are data: the same genuine error (an R15 annual-funds mismatch, item 7's class) is
 * labelled only on a document the supplied registry acknowledges it on — the reference
 * department-year with fixtures/reference-documents/known-defects.json — and on no document at all
 * by default, so a filter on known defects never hides another department's error.
 */
import { Result } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import type { BudgetState } from "@ledger/domain"
import { reconcile } from "../index.ts"
import type { AuditDocument } from "../model/document.ts"
import type { Finding } from "../model/finding.ts"
import { fromDisclosure } from "../model/from-disclosure.ts"
import { added } from "../testing-fixtures/mutate.ts"
import { derivedReference, referenceKnownDefects, referenceText } from "../testing-fixtures/reference.ts"
import { checkAudit } from "./index.ts"
import {
  acknowledgedItems,
  type KnownDefectRegistry,
  NO_KNOWN_DEFECTS,
  parseKnownDefectRegistry,
} from "./known-defect-scope.ts"

let doc: AuditDocument
let state: BudgetState.BudgetState
let registry: KnownDefectRegistry

beforeAll(() => {
  registry = referenceKnownDefects()
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

const newErrors = (d: AuditDocument, r: KnownDefectRegistry = registry): Finding[] =>
  added(checkAudit(d, state, r).findings, checkAudit(brokenFunds(d), state, r).findings).filter(
    (f) => f.check === "annual-funds-vs-table",
  )

describe("known-defect labels are scoped by the registry given", () => {
  it("the reference registry acknowledges §5.2's items on the reference department-year only", () => {
    expect([...acknowledgedItems(registry, doc)]).toContain(7)
    expect(acknowledgedItems(registry, { ...doc, departmentName: "某县农业农村局" }).size).toBe(0)
    expect(acknowledgedItems(registry, { ...doc, fiscalYear: doc.fiscalYear + 1 }).size).toBe(0)
  })

  it("without a registry no document carries a label, the reference included", () => {
    expect(checkAudit(doc, state).findings.some((f) => f.knownDefect !== undefined)).toBe(false)
    const news = newErrors(doc, NO_KNOWN_DEFECTS)
    expect(news.length).toBeGreaterThan(0)
    expect(news.every((f) => f.knownDefect === undefined)).toBe(true)
  })

  it("a label the registry does not list for the document is dropped", () => {
    const only7: KnownDefectRegistry = {
      ...registry,
      documents: registry.documents.map((d) => ({ ...d, items: [7] })),
    }
    const labels = new Set(checkAudit(doc, state, only7).findings.map((f) => f.knownDefect))
    expect([...labels].filter((l) => l !== undefined)).toEqual([7])
    expect(checkAudit(doc, state, registry).findings.some((f) => f.knownDefect === 3)).toBe(true)
  })

  it("another department's registry entry labels that department's findings", () => {
    const other = { ...doc, departmentName: "某县农业农村局" }
    const theirs: KnownDefectRegistry = {
      schema: "known-defects/v1",
      documents: [{ departmentName: "某县农业农村局", fiscalYear: doc.fiscalYear, items: [7] }],
    }
    expect(newErrors(other, theirs).every((f) => f.knownDefect === 7)).toBe(true)
  })

  it("a registry is decoded at the boundary, naming the bad field", () => {
    const bad = parseKnownDefectRegistry('{"schema":"known-defects/v1","documents":[{"fiscalYear":"2026"}]}')
    expect(Result.isFailure(bad) && bad.failure.message).toMatch(/documents\.0\.(departmentName|fiscalYear)/)
    const notJson = parseKnownDefectRegistry("{")
    expect(Result.isFailure(notJson) && notJson.failure._tag).toBe("InvalidKnownDefectRegistry")
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
      expect(checkAudit(other, state, registry).findings.some((f) => f.knownDefect !== undefined)).toBe(false)
    }
  })

  it("reconcile labels the reference text's defects, and none of the same text under another name", () => {
    const labelled = (text: string) => {
      const r = reconcile({ publishedText: text, state, knownDefects: registry })
      if (Result.isFailure(r)) throw new Error(r.failure.message)
      return r.success.discrepancies.filter((d) => d.knownDefect !== undefined).length
    }
    const text = referenceText()
    expect(labelled(text)).toBeGreaterThan(0)
    expect(labelled(text.replaceAll(doc.departmentName, "某县农业农村局"))).toBe(0)
    const bare = reconcile({ publishedText: text, state })
    if (Result.isFailure(bare)) throw new Error(bare.failure.message)
    expect(bare.success.discrepancies.some((d) => d.knownDefect !== undefined)).toBe(false)
  })
})
