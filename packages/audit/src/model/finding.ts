/**
 * What the auditor reports: a finding of one rule at one place of a disclosure, and a reconcile
 * discrepancy between a published document and the ledger. Both are Effect Schemas because the API
 * publishes them in its OpenAPI document; the TypeScript types are derived from them.
 *
 * @module finding
 */
import { Schema } from "effect"

/** The auditor's rule ids of domain.md §5.1. @category models */
export const RULE_IDS = [
  "R1",
  "R2",
  "R3",
  "R4",
  "R5",
  "R6",
  "R7",
  "R8",
  "R9",
  "R10",
  "R11",
  "R12",
  "R13",
  "R14",
  "R15",
  "R16",
] as const

/** One of R1…R16. @category models */
export const RuleId = Schema.Literals(RULE_IDS)
/** @category models */
export type RuleId = typeof RuleId.Type

/**
 * Where a finding sits: a table cell (table id "1".."13", row label, column header), a narrative
 * section ("一".."十二"), a performance table (project name) or the glossary/cover.
 * @category models
 */
export const Place = Schema.Struct({
  table: Schema.optionalKey(Schema.String),
  row: Schema.optionalKey(Schema.String),
  column: Schema.optionalKey(Schema.String),
  section: Schema.optionalKey(Schema.String),
  project: Schema.optionalKey(Schema.String),
})
/** @category models */
export type Place = typeof Place.Type

/** An error breaks a rule; a warning is a soft check (a cross-link that may legitimately differ). @category models */
export const Severity = Schema.Literals(["error", "warning"])
/** @category models */
export type Severity = typeof Severity.Type

/**
 * One rule firing at one place. `expected`/`actual` are what the rule computed and what the document
 * says (万元 strings, counts, percentages or text); `knownDefect` is the number of the matching
 * defect class of domain.md §5.2, when the finding is one of them.
 * @category models
 */
export const Finding = Schema.Struct({
  rule: RuleId,
  check: Schema.String,
  place: Place,
  published: Schema.optionalKey(Schema.String),
  ledger: Schema.optionalKey(Schema.String),
  expected: Schema.optionalKey(Schema.String),
  actual: Schema.optionalKey(Schema.String),
  message: Schema.String,
  severity: Severity,
  knownDefect: Schema.optionalKey(Schema.Int),
})
/** @category models */
export type Finding = typeof Finding.Type

/** The result of {@link checkDisclosure}: the rules with no error finding, and every finding. @category models */
export const CheckResult = Schema.Struct({
  passed: Schema.Array(RuleId),
  findings: Schema.Array(Finding),
})
/** @category models */
export type CheckResult = typeof CheckResult.Type

/**
 * A difference between a published document and the ledger. `place` is readable
 * (`"表4/本年收入合计/金额"`, `"情况说明/八"`, `"绩效目标表/单位运转经费/填报日期"`), `where` the same
 * place as structured fields. `published`/`ledger` are the two values ("" when a side has none).
 * @category models
 */
export const Discrepancy = Schema.Struct({
  rule: RuleId,
  check: Schema.String,
  place: Schema.String,
  where: Place,
  published: Schema.String,
  ledger: Schema.String,
  message: Schema.String,
  severity: Severity,
  knownDefect: Schema.optionalKey(Schema.Int),
})
/** @category models */
export type Discrepancy = typeof Discrepancy.Type

/** The result of reconcile, as `ledger reconcile --format json` prints it. @category models */
export const ReconcileResult = Schema.Struct({ discrepancies: Schema.Array(Discrepancy) })
/** @category models */
export type ReconcileResult = typeof ReconcileResult.Type
