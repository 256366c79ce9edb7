/**
 * The dry run of an append (`POST …/events?dryRun=true`): its query parameter and its answer's
 * schema. The service decides and replays the batch without writing (`@ledger/service` dry-run);
 * the answer carries the versions it would take, the cells of the current document it would change
 * and the auditor's findings on the document it would produce.
 */
import { CheckResult } from "@ledger/audit"
import { DisclosureDiff } from "@ledger/projections"
import type { DryRunResult } from "@ledger/service"
import { Schema } from "effect"
import { AppendResponse } from "../http-schemas.ts"

/** `dryRun=true`: decide and replay, write nothing. @category models */
export const AppendQuery = Schema.Struct({
  dryRun: Schema.optional(Schema.Literals(["true", "false"])).annotate({
    description:
      "true: check the batch and answer what it would do (versions, changed cells, check findings) without writing. No Idempotency-Key needed; a key already used answers as the write would: `replayed` (its stored result) for the same batch, 409 idempotency-conflict for another",
  }),
})

/** What a batch would do, written nowhere. @category models */
export const DryRunResponse = Schema.Struct({
  dryRun: Schema.Literal(true),
  streamId: Schema.String,
  fromVersion: Schema.Int,
  toVersion: Schema.Int,
  appended: Schema.Int,
  skipped: Schema.Int,
  diff: Schema.NullOr(DisclosureDiff).annotate({
    description:
      "the cells and narrative sections of the current document the batch would change; null for a new stream",
  }),
  checks: Schema.NullOr(CheckResult).annotate({
    description:
      "the auditor's checks (R1–R16) on the document after the batch; null when none can be made yet",
  }),
  notDisclosable: Schema.optional(Schema.String).annotate({
    description: "why no document can be made after the batch (e.g. no department profile yet)",
  }),
  replayed: Schema.optional(AppendResponse).annotate({
    description:
      "the Idempotency-Key already stored this very batch: the write would append nothing and answer this result (its 201 body)",
  }),
}).annotate({ identifier: "DryRunResponse" })

/** The answer to a dry run of one department-year's batch. @category constructors */
export const dryRunAnswer = <C>(streamId: string, plan: DryRunResult<C>) => {
  const s = plan.streams[0]
  const r = plan.replayed
  const written = r?.streams[0]
  return {
    dryRun: true as const,
    ...(s ?? { streamId, fromVersion: 0, toVersion: 0, appended: 0, skipped: 0, diff: null, checks: null }),
    ...(r === undefined
      ? {}
      : {
          replayed: {
            streamId,
            fromVersion: written?.fromVersion ?? 0,
            toVersion: written?.toVersion ?? 0,
            appended: written?.appended ?? 0,
            skipped: written?.skipped ?? 0,
            firstPosition: r.firstPosition,
            lastPosition: r.lastPosition,
          },
        }),
  }
}
