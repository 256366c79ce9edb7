/**
 * @ledger/domain — the pure core of budget-ledger: Money, codes, budget lines, budget events,
 * their wire envelope, the taxonomy and the department-year aggregate. No I/O.
 *
 * @module
 */
export * as Money from "./Money.ts"
export * as Codes from "./Codes.ts"
export * as BudgetLine from "./BudgetLine.ts"
export * as BudgetEvent from "./BudgetEvent.ts"
export * as DisclosureFacts from "./DisclosureFacts.ts"
export * as Envelope from "./Envelope.ts"
export * as BudgetState from "./BudgetState.ts"
export * as CanonicalJson from "./CanonicalJson.ts"
export * as Taxonomy from "./Taxonomy.ts"
export * as BudgetCommand from "./BudgetCommand.ts"
export * as Errors from "./Errors.ts"
export * as SchemaIssues from "./SchemaIssues.ts"
export * as Decide from "./decide.ts"
