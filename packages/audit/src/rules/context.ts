/**
 * What every rule receives — the document, optionally the ledger state and the year's taxonomy —
 * and the one helper that builds findings, so each finding is classified against the known-defect
 * catalogue the same way.
 *
 * @module context
 */
import { type BudgetState, Money, Taxonomy } from "@ledger/domain"
import { Result } from "effect"
import type { AuditDocument } from "../model/document.ts"
import type { Finding, Place, RuleId, Severity } from "../model/finding.ts"
import { columnName } from "../tables/template.ts"
import { knownDefectOf } from "./known-defects.ts"

/** The inputs of a rule. @category models */
export interface RuleContext {
  readonly doc: AuditDocument
  readonly state: BudgetState.BudgetState | undefined
  readonly taxonomy: Taxonomy.Taxonomy | undefined
  /** Unit names from the ledger and 机构设置, to tell unit rows from project rows. */
  readonly unitNames: ReadonlySet<string>
}

/** A rule: pure, returns its findings (empty when it holds). @category models */
export type Rule = (ctx: RuleContext) => ReadonlyArray<Finding>

/** Builds the context of a document. @category constructors */
export const makeContext = (doc: AuditDocument, state?: BudgetState.BudgetState): RuleContext => {
  const tax = Taxonomy.forYear(doc.fiscalYear)
  const unitNames = new Set<string>([doc.departmentName, ...(doc.overviewUnits?.names ?? [])])
  for (const u of state?.units.values() ?? []) unitNames.add(u.name)
  return { doc, state, taxonomy: Result.isSuccess(tax) ? tax.success : undefined, unitNames }
}

/** The optional parts of a finding. @category constructors */
export interface FindingDetails {
  readonly expected?: string | undefined
  readonly actual?: string | undefined
  readonly published?: string | undefined
  readonly ledger?: string | undefined
  readonly severity?: Severity | undefined
}

/** Builds a finding, dropping undefined details and attaching the known-defect number. @category constructors */
export const finding = (
  rule: RuleId,
  check: string,
  place: Place,
  message: string,
  d: FindingDetails = {},
): Finding => {
  const base: { -readonly [K in keyof Finding]?: Finding[K] } = {
    rule,
    check,
    place,
    message,
    severity: d.severity ?? "error",
  }
  if (d.expected !== undefined) base.expected = d.expected
  if (d.actual !== undefined) base.actual = d.actual
  if (d.published !== undefined) base.published = d.published
  if (d.ledger !== undefined) base.ledger = d.ledger
  const f = base as Finding
  const k = knownDefectOf(f)
  return k === undefined ? f : { ...f, knownDefect: k }
}

/** A cell place: table, row label and column name from the template. @category constructors */
export const cellPlace = (table: string, row: string, col: number): Place => ({
  table,
  row,
  column: columnName(table, col),
})

/**
 * Compares two amounts within the 尾差 tolerance of `items` summed figures and returns a finding
 * when they differ.
 * @category constructors
 */
export const compareAmounts = (
  rule: RuleId,
  check: string,
  place: Place,
  what: string,
  expected: Money.Money,
  actual: Money.Money,
  items = 1,
  severity: Severity = "error",
): Finding[] => {
  const diff = Money.abs(Money.sub(expected, actual))
  const tol = Money.times(Money.make("0.01"), String(Math.max(1, items)))
  if (Money.compare(diff, tol) <= 0) return []
  return [
    finding(rule, check, place, `${what}: expected ${expected}, the document says ${actual}`, {
      expected,
      actual,
      severity,
    }),
  ]
}

/**
 * Compares a printed amount with what the ledger's lines sum to: the message says which side is
 * which ("the ledger says …, the document says …") and the finding carries both as `ledger` and
 * `published`, so a reader never takes the ledger's figure for the document's.
 * @category constructors
 */
export const compareWithLedger = (
  rule: RuleId,
  check: string,
  place: Place,
  what: string,
  ledger: Money.Money,
  printed: Money.Money,
  items = 1,
  severity: Severity = "error",
): Finding[] =>
  compareAmounts(rule, check, place, what, ledger, printed, items, severity).map((f) => ({
    ...f,
    message: `${what}: the ledger says ${ledger}, the document says ${printed}`,
    ledger,
    published: printed,
  }))
