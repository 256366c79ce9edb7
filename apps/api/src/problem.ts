/**
 * RFC 9457 problem details: the one shape every API error takes, with a stable `type` URI per
 * kind of problem so clients branch on `type`, never on prose. The catalogue below is the single
 * table of kinds; `errors.ts` maps tagged errors onto it.
 */
import { Data, Schema } from "effect"

/** Base of every problem `type` URI. */
export const PROBLEM_BASE = "https://budget-ledger.dev/problems/"

/** Every kind of problem with its status and title. @category models */
export const PROBLEMS = {
  "malformed-request": { status: 400, title: "The request is malformed" },
  unauthorized: { status: 401, title: "A valid API key is required" },
  forbidden: { status: 403, title: "The API key does not allow this" },
  "not-found": { status: 404, title: "Not found" },
  "not-published": { status: 404, title: "No disclosure has been published for this department-year" },
  "not-acceptable": { status: 406, title: "No representation matches the request" },
  "version-conflict": { status: 409, title: "The stream is not at the expected version" },
  "not-disclosable": { status: 409, title: "The log cannot yield a disclosure in its current state" },
  "idempotency-conflict": { status: 409, title: "The idempotency key was used with a different body" },
  "payload-too-large": { status: 413, title: "The request body is too large" },
  "unsupported-media-type": { status: 415, title: "The request body has an unsupported media type" },
  "invalid-request": { status: 422, title: "The request is well-formed but invalid" },
  "invalid-event": { status: 422, title: "An event is invalid" },
  "rule-violation": { status: 422, title: "The batch breaks a budget rule" },
  "checks-failed": { status: 422, title: "The checks found errors; publish with force=true to override" },
  "engine-unavailable": { status: 503, title: "This server has no engine for the operation" },
  "store-unavailable": { status: 503, title: "The event store is unavailable" },
  overloaded: { status: 503, title: "The server is busy; retry after the time in Retry-After" },
  "ledger-integrity": { status: 503, title: "The ledger's history does not match its hash chain" },
  internal: { status: 500, title: "Internal error" },
} as const

/** The name of a problem kind. @category models */
export type ProblemKind = keyof typeof PROBLEMS

/** One field-level issue: where (a JSON path such as `events[3].data.line.amount`) and why. @category models */
export const ProblemIssue = Schema.Struct({
  path: Schema.String,
  message: Schema.String,
  rule: Schema.optional(Schema.String),
})
/** @category models */
export type ProblemIssue = typeof ProblemIssue.Type

/** The `application/problem+json` body. @category models */
export const Problem = Schema.Struct({
  type: Schema.String,
  title: Schema.String,
  status: Schema.Int,
  detail: Schema.String,
  issues: Schema.optional(Schema.Array(ProblemIssue)),
}).annotate({ identifier: "Problem" })
/** @category models */
export type Problem = typeof Problem.Type

/**
 * An error raised by a route itself (bad query, missing key, out of scope), already classified.
 * @category errors
 */
export class ApiProblem extends Data.TaggedError("ApiProblem")<{
  readonly kind: ProblemKind
  readonly detail: string
  readonly issues?: ReadonlyArray<ProblemIssue> | undefined
}> {
  override get message(): string {
    return this.detail
  }
}

/** Builds the body of a problem of the given kind. @category constructors */
export const problem = (
  kind: ProblemKind,
  detail: string,
  issues?: ReadonlyArray<ProblemIssue>,
): Problem => ({
  type: PROBLEM_BASE + kind,
  title: PROBLEMS[kind].title,
  status: PROBLEMS[kind].status,
  detail,
  ...(issues !== undefined && issues.length > 0 ? { issues: [...issues] } : {}),
})

/** Shorthand for raising a classified problem from a handler. @category constructors */
export const fail = (kind: ProblemKind, detail: string, issues?: ReadonlyArray<ProblemIssue>): never => {
  throw new ApiProblem({ kind, detail, issues })
}
