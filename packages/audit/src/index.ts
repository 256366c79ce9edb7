/**
 * @ledger/audit — the auditor's consistency rules R1–R16 over a derived disclosure, and the
 * reconciliation of a published document (text extracted from its PDF) against the ledger.
 *
 * @module
 */
import { type BudgetState, SchemaIssues } from "@ledger/domain"
import { Result, Schema } from "effect"
import { Data } from "effect"
import { type DisclosureInput as DisclosureInputType, DisclosureInput } from "./model/document.ts"
import type { CheckResult } from "./model/finding.ts"
import { fromDisclosure } from "./model/from-disclosure.ts"
import { checkAudit } from "./rules/index.ts"
import type { KnownDefectRegistry } from "./rules/known-defect-scope.ts"

export {
  CheckResult,
  Discrepancy,
  Finding,
  Place,
  ReconcileResult,
  RULE_IDS,
  RuleId,
  Severity,
} from "./model/finding.ts"
export { DisclosureInput } from "./model/document.ts"
export {
  checkResultIn,
  discrepancyIn,
  findingMessageZh,
  LANGUAGES,
  RULE_ZH,
  type Language,
} from "./model/language.ts"
export type { AuditDocument, PerformanceTable, Section, Table } from "./model/document.ts"
export { KNOWN_DEFECTS, knownDefectOf } from "./rules/known-defects.ts"
export {
  acknowledgedItems,
  InvalidKnownDefectRegistry,
  KnownDefectDocument,
  KnownDefectRegistry,
  NO_KNOWN_DEFECTS,
  parseKnownDefectRegistry,
} from "./rules/known-defect-scope.ts"
export { checkAudit } from "./rules/index.ts"
export { fromDisclosure } from "./model/from-disclosure.ts"
export { parsePublishedText, UnreadableDocument } from "./parse/index.ts"
export { placeText, reconcile, type ReconcileInput } from "./reconcile/index.ts"

/**
 * Runs R1–R16 over a derived `budget-disclosure/v1` document; the ledger state, when given, adds the
 * checks that need 元 detail (unit types, 三公 lines, project lines, declared performance tables).
 * `knownDefects` says which documents carry which §5.2 labels (default: none).
 * @category rules
 */
export const checkDisclosure = (
  disclosure: DisclosureInputType,
  state?: BudgetState.BudgetState,
  knownDefects?: KnownDefectRegistry,
): CheckResult => checkAudit(fromDisclosure(disclosure, state), state, knownDefects)

/** The disclosure given to the auditor is not a `budget-disclosure/v1` document; `issues` name the fields. @category errors */
export class InvalidDisclosure extends Data.TaggedError("InvalidDisclosure")<{
  readonly issues: ReadonlyArray<{ readonly path: ReadonlyArray<PropertyKey>; readonly message: string }>
}> {}

/** Decodes an untrusted disclosure at the boundary (API body, file). @category constructors */
export const decodeDisclosure = (input: unknown): Result.Result<DisclosureInputType, InvalidDisclosure> =>
  Result.mapError(Schema.decodeUnknownResult(DisclosureInput)(input, { errors: "all" }), (e) => {
    return new InvalidDisclosure({ issues: SchemaIssues.fieldIssues(e) })
  })
