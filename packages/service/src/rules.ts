/**
 * The bridge from an incoming event to the domain's `decide`: the same rules whether the event came
 * from an NDJSON import or an API batch. Returns the first broken rule as a field issue.
 *
 * @module
 */
import { type BudgetState, Decide, type Envelope, type Taxonomy } from "@ledger/domain"
import { Result } from "effect"

/** A broken rule, named by the field path of the event. */
export interface RuleProblem {
  readonly path: string
  readonly message: string
  readonly rule: string
}

/** Checks one decoded event against the state the earlier events of its stream produced. */
export const checkRules = (
  e: Envelope.EnvelopedEvent,
  state: BudgetState.BudgetState,
  ctx: {
    readonly taxonomy: Taxonomy.Taxonomy
    readonly year: number
    readonly department: string
    /** The department's other years the year-link rules read (see `years.ts`). */
    readonly years?: Decide.YearsContext | undefined
  },
): RuleProblem | undefined => {
  const r = Decide.decideEvent(e.event, state, {
    taxonomy: ctx.taxonomy,
    streamYear: ctx.year,
    department: ctx.department,
    years: ctx.years,
  })
  if (Result.isSuccess(r)) return undefined
  const error = r.failure
  const prefix = `${error.path}: `
  const message = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message
  return { path: error.path, message, rule: error._tag }
}
