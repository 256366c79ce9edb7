/**
 * The API's one error-to-HTTP mapping: every failure a handler can raise — its own
 * {@link ApiProblem}, the store's and the service's tagged errors — becomes an
 * `application/problem+json` response with a stable `type`. Anything unclassified is a 500 and is
 * logged; a client's mistake never lands there.
 */
import type { Context } from "hono"
import { problem } from "./problem.ts"
import type { Problem, ProblemIssue, ProblemKind } from "./problem.ts"

interface Tagged {
  readonly _tag: string
  readonly message?: string
  readonly [k: string]: unknown
}

interface BatchIssueLike {
  readonly index: number
  readonly line?: number | undefined
  readonly path: string
  readonly message: string
  readonly rule?: string | undefined
}

const batchIssues = (issues: ReadonlyArray<BatchIssueLike>): Array<ProblemIssue> =>
  issues.map((i) => ({
    path: `events[${i.index}]${i.path === "" ? "" : "." + i.path}`,
    message: i.message,
    ...(i.rule !== undefined ? { rule: i.rule } : {}),
  }))

const simple =
  (kind: ProblemKind) =>
  (e: Tagged): Problem =>
    problem(kind, e.message ?? kind)

/** The table: error tag → problem. */
const TABLE: Readonly<Record<string, (e: Tagged) => Problem>> = {
  ApiProblem: (e) =>
    problem(
      e["kind"] as ProblemKind,
      String(e["detail"]),
      e["issues"] as ReadonlyArray<ProblemIssue> | undefined,
    ),
  BatchRejected: (e) => {
    const kind =
      e["kind"] === "malformed"
        ? "malformed-request"
        : e["kind"] === "rule-violation"
          ? "rule-violation"
          : "invalid-event"
    const issues = batchIssues(e["issues"] as ReadonlyArray<BatchIssueLike>)
    return problem(kind, `the batch was not written: ${issues.length} issue(s)`, issues)
  },
  StreamVersionConflict: simple("version-conflict"),
  IdempotencyConflict: simple("idempotency-conflict"),
  InvalidEvent: (e) =>
    problem("invalid-event", String(e["message"]), [
      { path: String(e["path"]), message: String(e["message"]) },
    ]),
  StoreUnavailable: simple("store-unavailable"),
  UnknownDepartmentYear: (e) =>
    problem(
      "not-found",
      `no event has been recorded for department ${String(e["department"])} in ${String(e["year"])}`,
    ),
  NotPublished: simple("not-published"),
  EmptySelection: (e) =>
    problem("not-found", `no event of the department-year is visible as of ${String(e["asOf"])}`),
  MissingDepartmentProfile: simple("not-disclosable"),
  NotABudgetStream: simple("not-disclosable"),
  UnresolvedCodes: simple("not-disclosable"),
  UnreadableDocument: (e) =>
    problem("invalid-request", `the text is not a readable disclosure: ${e.message ?? ""}`, [
      { path: "body", message: e.message ?? "" },
    ]),
  InvalidAsOf: (e) =>
    problem("invalid-request", e.message ?? "invalid as-of", [
      { path: String(e["field"]), message: String(e["reason"]) },
    ]),
  NoSuchCell: (e) => problem("not-found", e.message ?? "no such cell"),
  InvalidKeySpec: (e) => {
    const [field = "", ...rest] = String(e.message ?? "").split(": ")
    return problem("invalid-request", e.message ?? "invalid key", [
      { path: `body.${field}`, message: rest.join(": ") },
    ])
  },
}

const tagOf = (error: unknown): string | undefined => {
  if (typeof error !== "object" || error === null) return undefined
  const tag = (error as { _tag?: unknown })._tag ?? (error as { name?: unknown }).name
  return typeof tag === "string" ? tag : undefined
}

/** Maps any thrown value to a problem; unknown errors become `internal`. @category errors */
export const toProblem = (error: unknown): Problem => {
  const tag = tagOf(error)
  const entry = tag === undefined ? undefined : TABLE[tag]
  return entry ? entry(error as Tagged) : problem("internal", "an unexpected error occurred; it was logged")
}

/** A problem as a response. @category errors */
export const problemResponse = (p: Problem, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(p), {
    status: p.status,
    headers: {
      "content-type": "application/problem+json; charset=utf-8",
      ...(p.status === 401 ? { "www-authenticate": 'Bearer realm="budget-ledger"' } : {}),
      ...headers,
    },
  })

/** The Hono `onError` handler. `log` receives unexpected errors only. @category errors */
export const onError =
  (log: (error: unknown) => void) =>
  (error: Error, _c: Context): Response => {
    const p = toProblem(error)
    if (p.status >= 500 && p.status !== 503) log(error)
    return problemResponse(p)
  }
