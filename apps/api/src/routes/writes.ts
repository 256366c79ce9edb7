/**
 * The write routes of a department-year: append a batch of events (idempotent under the
 * `Idempotency-Key` header, optionally at an expected version) and publish the current state.
 * Both record the authenticated key as the actor of every event they write.
 */
import { checkDisclosure, type KnownDefectRegistry } from "@ledger/audit"
import { type BudgetState, Envelope } from "@ledger/domain"
import type { Disclosure } from "@ledger/projections"
import { type BlockingFinding, dateOf, today as todayUtc } from "@ledger/service"
import { Schema } from "effect"
import { requireWrite } from "../auth.ts"
import type { ApiDeps } from "../deps.ts"
import type { Documents } from "../documents.ts"
import { AppendBody, AppendResponse, DepartmentYearPath } from "../http-schemas.ts"
import { fail } from "../problem.ts"
import { AppendBodyDocumented } from "../event-union.ts"
import { defineRoute, jsonBodyOf, pathOf, queryOf } from "../route.ts"
import type { Route } from "../route.ts"
import { run } from "../run.ts"
import { AppendQuery, dryRunAnswer, DryRunResponse } from "./dry-run.ts"

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/

/** The expected version from the body or `If-Match` (`"12"` or `12`); they must agree when both are sent. */
const expectedVersionOf = (body: number | undefined, ifMatch: string | undefined): number | undefined => {
  if (ifMatch === undefined) return body
  const m = /^\s*(?:W\/)?"?(\d{1,10})"?\s*$/.exec(ifMatch)
  if (m === null)
    return fail("malformed-request", 'If-Match must be a stream version such as "12"', [
      { path: "header.If-Match", message: "is not a version" },
    ])
  const v = Number(m[1])
  if (body !== undefined && body !== v)
    fail("malformed-request", "If-Match and body.expectedVersion disagree", [
      { path: "body.expectedVersion", message: `is ${body}, If-Match says ${v}` },
    ])
  return v
}

/** The seal a publication records. @category models */
const PublishResponse = Schema.Struct({
  template: Schema.String,
  streamVersion: Schema.Int,
  position: Schema.Int,
  headHash: Schema.String,
  documentHash: Schema.String,
  appended: Schema.Int,
  publishedVersion: Schema.Int,
  publishedOn: Schema.String,
  forced: Schema.optional(Schema.Struct({ errors: Schema.Int, rules: Schema.Array(Schema.String) })),
}).annotate({ identifier: "PublishResponse" })

/** `force=true` publishes although the checks found errors. */
const PublishQuery = Schema.Struct({
  force: Schema.optional(Schema.Literals(["true", "false"])).annotate({
    description: "true: publish although the checks found errors (recorded in the event)",
  }),
})

/** The optional body of a publication. */
const PublishBody = Schema.Struct({
  date: Schema.optionalKey(
    Schema.String.check(Schema.isPattern(/^\d{4}-\d{2}-\d{2}$/, { message: "must be a date YYYY-MM-DD" })),
  ),
  expectedVersion: Schema.optionalKey(Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))),
}).annotate({ identifier: "PublishBody" })

/**
 * The errors of the auditor's checks, as the publication gate sees them: the known defects the
 * registry acknowledges on this document excepted (none without `LEDGER_KNOWN_DEFECTS`).
 */
const blockingFindings =
  (knownDefects: KnownDefectRegistry | undefined) =>
  (doc: Disclosure, state: BudgetState.BudgetState): ReadonlyArray<BlockingFinding> =>
    checkDisclosure(doc, state, knownDefects)
      // A finding labelled as a known defect reproduces an acknowledged defect of the published
      // document on purpose; it is reported by …/checks but does not block.
      .findings.filter((f) => f.severity === "error" && f.knownDefect === undefined)
      .map((f) => ({
        rule: f.rule,
        place: [f.place.table, f.place.section, f.place.project, f.place.row, f.place.column]
          .filter((s) => s !== undefined)
          .join("/"),
        message: f.message,
      }))

/** The write routes; each forgets the documents' remembered head of the stream it wrote. @category routes */
export const writeRoutes = (deps: ApiDeps, documents: Documents): ReadonlyArray<Route> => [
  defineRoute(
    {
      method: "post",
      path: "/v1/departments/{code}/years/{year}/events",
      operationId: "appendEvents",
      summary: "Append a batch of budget events to a department-year, atomically",
      description:
        "Every event is decoded and checked against the domain rules first; one bad event and nothing is written (400 malformed, 422 naming `events[i].field`). `dryRun=true` answers what the batch would do (200: versions, changed cells, check findings) and writes nothing. The same `Idempotency-Key` with the same body returns the original result; with another body, 409. `expectedVersion` (body) or `If-Match` guards against concurrent writers (409). The actor of every event is the calling key.",
      tag: "log",
      roles: ["writer"],
      params: DepartmentYearPath,
      query: AppendQuery,
      headers: [
        {
          name: "Idempotency-Key",
          required: true,
          description:
            "1–200 visible ASCII characters, unique per intended write (optional with dryRun=true)",
        },
        {
          name: "If-Match",
          required: false,
          description: "the stream version the writer expects (alternative to body.expectedVersion)",
        },
      ],
      body: {
        schema: AppendBody,
        documented: AppendBodyDocumented,
        contentType: "application/json",
        description: "`events`: wire events (see docs/api.md); `expectedVersion`: optional",
      },
      responses: {
        200: { description: "dryRun=true: what the batch would do; nothing written", schema: DryRunResponse },
        201: {
          description: "written (or the original result of a replayed request)",
          schema: AppendResponse,
        },
      },
      problems: [
        "malformed-request",
        "unsupported-media-type",
        "not-found",
        "version-conflict",
        "idempotency-conflict",
        "payload-too-large",
        "invalid-event",
        "rule-violation",
        "store-unavailable",
        "ledger-integrity",
      ],
    },
    async (c) => {
      const { code, year } = pathOf(c, DepartmentYearPath)
      const writer = requireWrite(c, code)
      const { dryRun } = queryOf(c, AppendQuery)
      const key = c.req.header("idempotency-key")
      if (dryRun === "true") {
        // Optional here; a key already used answers as the write would (its result or a conflict).
        if (key !== undefined && !IDEMPOTENCY_KEY.test(key))
          fail("malformed-request", "an Idempotency-Key header must be 1–200 visible ASCII characters", [
            { path: "header.Idempotency-Key", message: "is not 1–200 visible ASCII characters" },
          ])
        const body = await jsonBodyOf(c, AppendBody)
        const expected = expectedVersionOf(body.expectedVersion, c.req.header("if-match"))
        const streamId = Envelope.streamIdOf({ department: code, year: Number(year) })
        const plan = await run(
          deps.service.dryRun(
            {
              department: code,
              year: Number(year),
              events: body.events,
              expectedVersion: expected === undefined ? undefined : { _tag: "Exact", version: expected },
              idempotencyKey: key === undefined ? undefined : `api:${streamId}:${key}`,
              actor: writer.actor,
            },
            { check: (doc, state) => checkDisclosure(doc, state, deps.knownDefects) },
          ),
        )
        return c.json(dryRunAnswer(streamId, plan), 200)
      }
      if (key === undefined || !IDEMPOTENCY_KEY.test(key)) {
        fail("malformed-request", "an Idempotency-Key header of 1–200 visible ASCII characters is required", [
          {
            path: "header.Idempotency-Key",
            message: key === undefined ? "is missing" : "is not 1–200 visible ASCII characters",
          },
        ])
      }
      const body = await jsonBodyOf(c, AppendBody)
      const expected = expectedVersionOf(body.expectedVersion, c.req.header("if-match"))
      const streamId = Envelope.streamIdOf({ department: code, year: Number(year) })
      const result = await run(
        deps.service.append({
          department: code,
          year: Number(year),
          events: body.events,
          expectedVersion: expected === undefined ? undefined : { _tag: "Exact", version: expected },
          idempotencyKey: `api:${streamId}:${key as string}`,
          actor: writer.actor,
        }),
      ).finally(() => documents.forget(code, Number(year)))
      const s = result.streams[0]
      return c.json(
        {
          streamId,
          fromVersion: s?.fromVersion ?? 0,
          toVersion: s?.toVersion ?? 0,
          appended: s?.appended ?? 0,
          skipped: s?.skipped ?? 0,
          firstPosition: result.firstPosition,
          lastPosition: result.lastPosition,
        },
        201,
      )
    },
  ),
  defineRoute(
    {
      method: "post",
      path: "/v1/departments/{code}/years/{year}/publish",
      operationId: "publishDisclosure",
      summary: "Publish the current state: append a sealed DisclosurePublished event",
      description:
        "The seal (stream version, position, head hash, document hash) is computed here from the stored log, never taken from the client. Retry-safe: when nothing was appended since the last seal, or the same `Idempotency-Key` published before, the existing seal is answered (200, `appended: 0`) instead of a second one. `expectedVersion` (body) or `If-Match` must be the stream's version (409 otherwise, unless that version is the one already sealed). The auditor's checks (R1–R16) run first: any error refuses the publication (422 `checks-failed`, the findings as issues) unless `force=true`, which publishes and records `forced: {errors, rules}` in the event. `date` (YYYY-MM-DD) is the publication date, default today.",
      tag: "disclosure",
      roles: ["writer"],
      params: DepartmentYearPath,
      query: PublishQuery,
      headers: [
        {
          name: "Idempotency-Key",
          required: false,
          description: "1–200 visible ASCII characters; a retry with the same key answers the first seal",
        },
        {
          name: "If-Match",
          required: false,
          description: "the stream version the writer expects (alternative to body.expectedVersion)",
        },
      ],
      body: {
        schema: PublishBody,
        contentType: "application/json",
        description: "optional: `date` (publication date, YYYY-MM-DD) and `expectedVersion`",
      },
      responses: {
        200: { description: "the existing seal (nothing was appended)", schema: PublishResponse },
        201: { description: "the new seal", schema: PublishResponse },
      },
      problems: [
        "malformed-request",
        "unsupported-media-type",
        "not-found",
        "version-conflict",
        "idempotency-conflict",
        "not-disclosable",
        "checks-failed",
        "store-unavailable",
        "ledger-integrity",
      ],
    },
    async (c) => {
      const { code, year } = pathOf(c, DepartmentYearPath)
      const writer = requireWrite(c, code)
      const { force } = queryOf(c, PublishQuery)
      const key = c.req.header("idempotency-key")
      if (key !== undefined && !IDEMPOTENCY_KEY.test(key))
        fail("malformed-request", "the Idempotency-Key header must be 1–200 visible ASCII characters", [
          { path: "header.Idempotency-Key", message: "is not 1–200 visible ASCII characters" },
        ])
      const hasBody =
        (c.req.header("content-length") ?? "0") !== "0" || c.req.header("content-type") !== undefined
      const body = hasBody ? await jsonBodyOf(c, PublishBody) : {}
      const expected = expectedVersionOf(body.expectedVersion, c.req.header("if-match"))
      // The default publication date, as `ledger publish` takes it (the Effect Clock's UTC date).
      const today = deps.now === undefined ? await run(todayUtc) : dateOf(deps.now().getTime())
      const seal = await run(
        deps.service.publish(code, Number(year), {
          actor: writer.actor,
          occurredAt: body.date ?? today,
          expectedVersion: expected,
          idempotencyKey: key,
          force: force === "true",
          check: blockingFindings(deps.knownDefects),
        }),
      ).finally(() => documents.forget(code, Number(year)))
      return c.json(seal, seal.appended > 0 ? 201 : 200)
    },
  ),
]
