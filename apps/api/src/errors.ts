/**
 * The API's one error-to-HTTP mapping: every failure a handler can raise — its own
 * {@link ApiProblem}, the store's and the service's tagged errors — becomes an
 * `application/problem+json` response with a stable `type`. Anything unclassified is a 500 and is
 * logged; a client's mistake never lands there.
 */
import type { UnreadableDocument } from "@ledger/audit"
import type { AppendError } from "@ledger/eventstore"
import type { InvalidAsOf, NoSuchCell } from "@ledger/projections"
import type { PrintFailed } from "@ledger/print"
import type { BatchRejected, PublishRefused, ReplayError } from "@ledger/service"
import type { Context } from "hono"
import { Overloaded } from "./overloaded.ts"
import { problem } from "./problem.ts"
import type { ApiProblem, Problem, ProblemIssue, ProblemKind } from "./problem.ts"
import { languageOf, problemIn } from "./language.ts"
import { detailZh } from "./problem-zh.ts"

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

/**
 * Every tagged error a route can raise: the API's own and those the service, the store, the
 * projections and the audit engine declare. The table below is keyed by exactly these tags, so an
 * error added to one of these unions and not mapped here FAILS TO COMPILE instead of becoming a 500.
 * @category errors
 */
type DeclaredError =
  | ApiProblem
  | BatchRejected
  | AppendError
  | ReplayError
  | InvalidAsOf
  | NoSuchCell
  | UnreadableDocument
  | PublishRefused
  | PrintFailed

type Table = {
  readonly [K in DeclaredError["_tag"]]: (e: Extract<DeclaredError, { readonly _tag: K }>) => Problem
}

const simple =
  (kind: ProblemKind) =>
  (e: { readonly message: string }): Problem =>
    problem(kind, e.message)

/** The table: error tag → problem. */
const TABLE: Table = {
  ApiProblem: (e) => problem(e.kind, e.detail, e.issues),
  BatchRejected: (e) => {
    const kind =
      e.kind === "malformed"
        ? "malformed-request"
        : e.kind === "rule-violation"
          ? "rule-violation"
          : "invalid-event"
    const issues = batchIssues(e.issues)
    return problem(kind, `the batch was not written: ${issues.length} issue(s)`, issues)
  },
  StreamVersionConflict: simple("version-conflict"),
  PublishRefused: (e) => {
    const findings = e.findings
    return problem(
      "checks-failed",
      `the checks found ${findings.length} error(s); nothing was published (force=true publishes anyway and records it in the seal)`,
      findings.map((f) => ({ path: `checks.${f.rule}`, message: `${f.place}: ${f.message}`, rule: f.rule })),
    )
  },
  IdempotencyConflict: simple("idempotency-conflict"),
  InvalidEvent: (e) => {
    // The store names its own call (`requests[0].events[2].eventId`); the client sent `events[2]…`.
    const outer = (text: string) => text.replace(/requests\[\d+\]\.?/g, "")
    return problem("invalid-event", outer(e.message), [{ path: outer(e.path), message: outer(e.message) }])
  },
  StoreUnavailable: simple("store-unavailable"),
  LedgerIntegrity: (e) =>
    problem("ledger-integrity", `${e.message ?? "broken history"}; nothing was served or written`, [
      {
        path: `streams/${String(e["streamId"])}/positions/${String(e["position"])}`,
        message: String(e["reason"]),
      },
    ]),
  UnknownDepartmentYear: (e) =>
    problem("not-found", `no event has been recorded for department ${e.department} in ${e.year}`),
  NotPublished: simple("not-published"),
  EmptySelection: (e) => problem("not-found", `no event of the department-year is visible as of ${e.asOf}`),
  MissingDepartmentProfile: simple("not-disclosable"),
  NotABudgetStream: simple("not-disclosable"),
  UnresolvedCodes: simple("not-disclosable"),
  UnknownYear: simple("not-disclosable"),
  UnreadableDocument: (e) =>
    problem("invalid-request", `the text is not a readable disclosure: ${e.message}`, [
      { path: "body", message: e.message },
    ]),
  InvalidAsOf: (e) => problem("invalid-request", e.message, [{ path: e.field, message: e.reason }]),
  NoSuchCell: (e) => problem("not-found", e.message),
  PrintFailed: (e) => problem("engine-unavailable", `${e.message} (no PDF without Chromium on this server)`),
}

/** `InvalidKeySpec` is a plain Error (named, not tagged): "field: reason". */
const invalidKeySpec = (e: Error): Problem => {
  const [field = "", ...rest] = e.message.split(": ")
  return problem("invalid-request", e.message, [{ path: `body.${field}`, message: rest.join(": ") }])
}

const tagOf = (error: unknown): string | undefined => {
  if (typeof error !== "object" || error === null) return undefined
  const tag = (error as { _tag?: unknown })._tag ?? (error as { name?: unknown }).name
  return typeof tag === "string" ? tag : undefined
}

/** Maps any thrown value to a problem; unknown errors become `internal`. @category errors */
const toProblem = (error: unknown): Problem => {
  const tag = tagOf(error)
  if (tag === "InvalidKeySpec" && error instanceof Error) return invalidKeySpec(error)
  const entry =
    tag !== undefined && Object.hasOwn(TABLE, tag) ? TABLE[tag as DeclaredError["_tag"]] : undefined
  return entry
    ? (entry as (e: DeclaredError) => Problem)(error as DeclaredError)
    : problem("internal", "an unexpected error occurred; it was logged")
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
  (error: Error, c: Context): Response => {
    if (error instanceof Overloaded)
      return problemResponse(problem("overloaded", `the server is busy: ${error.message}; retry later`), {
        "retry-after": String(error.retryAfterSec),
      })
    const p = toProblem(error)
    // Broken history is an alarm for the operator as well as a 503 for the client.
    if ((p.status >= 500 && p.status !== 503) || tagOf(error) === "LedgerIntegrity") log(error)
    const lang = languageOf(c)
    const zh = lang === "zh" ? detailZh(error) : undefined
    return problemResponse(problemIn(zh === undefined ? p : { ...p, detail: zh }, lang))
  }
