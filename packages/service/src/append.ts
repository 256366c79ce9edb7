/**
 * The append of an API batch to one department-year. The batch is decoded before it joins its
 * stream's write chain (write-chain.ts); in the chain it is checked against the state the write
 * ahead of it expects to leave — while that one is still in the database — and then, in its own
 * turn, the head is read: when it is exactly that state (the same folded state object, which only
 * the write ahead's own check can have made, at the same version) the check stands, otherwise the
 * batch is checked again against the head. Either way a batch is written only after a check
 * against the state at the head, as when appends ran one at a time from decode to answer.
 *
 * @module
 */
import { Envelope } from "@ledger/domain"
import type {
  AppendError,
  AppendResult,
  EventStoreShape,
  ExpectedVersion,
  LedgerIntegrity,
} from "@ledger/eventstore"
import { StreamVersionConflict } from "@ledger/eventstore"
import { Effect, Result } from "effect"
import { appendedEvents } from "./appended.ts"
import { checkBatch, type CurrentOf, type Decoded, type DecodedBatch, decodeBatch } from "./batch-check.ts"
import { BatchRejected, type BatchIssue } from "./errors.ts"
import type { ActorChoice } from "./events.ts"
import { snapshotAfter, type StateCache, type StreamSnapshot } from "./state-cache.ts"
import { makeWriteChain } from "./write-chain.ts"

/** A batch for one department-year, as the API receives it. @category models */
export interface AppendInput {
  readonly department: string
  readonly year: number
  readonly events: ReadonlyArray<unknown>
  readonly expectedVersion?: ExpectedVersion | undefined
  readonly idempotencyKey: string
  /** The authenticated caller; overrides any `actor` in the events. */
  readonly actor?: string | undefined
}

/**
 * A writer's batch may not carry `DisclosurePublished`: only the service's `publish` makes one,
 * with a seal computed from the stored log, so a client can neither forge a seal nor move what
 * "as published" means. (An operator's `importNdjson` may carry historic publications; reading as
 * published checks any seal they carry against the rebuilt document.)
 */
const onlyPublishSeals = (decoded: ReadonlyArray<Decoded>): Array<BatchIssue> =>
  decoded
    .filter((d) => d.e.event.type === "DisclosurePublished")
    .map((d) => ({
      index: d.index,
      path: "type",
      message:
        "DisclosurePublished is made only by the publish operation (POST …/publish), never sent as an event",
      rule: "PublishOnly",
    }))

/** An API batch decoded for its department-year. @category constructors */
export const decodeApiBatch = (
  input: Omit<AppendInput, "idempotencyKey">,
  actor: ActorChoice,
): DecodedBatch =>
  decodeBatch(
    input.events.map((value) => ({ value })),
    actor,
    { department: input.department, year: input.year },
  )

/** An API batch checked as a write (and a dry run) checks it. @category constructors */
export const checkApiBatch = (batch: DecodedBatch, current: CurrentOf) =>
  Effect.gen(function* () {
    const checked = yield* checkBatch(batch, current)
    const forged = onlyPublishSeals(checked.decoded)
    if (forged.length > 0)
      return yield* Effect.fail(new BatchRejected({ kind: "rule-violation", issues: forged }))
    return checked
  })

/** A batch's check: what it writes, or why it is refused. */
type Outcome = Result.Result<
  Effect.Success<ReturnType<typeof checkApiBatch>>,
  Effect.Error<ReturnType<typeof checkApiBatch>>
>

/** `current`, except that `streamId` is at `snapshot`. */
const currentWith =
  (current: CurrentOf, streamId: string, snapshot: StreamSnapshot): CurrentOf =>
  (id) =>
    id === streamId ? Effect.succeed(snapshot) : current(id)

/** What a write checked against `base` leaves if it lands: `base` itself when it writes nothing. */
const expectedAfter = (
  streamId: string,
  base: StreamSnapshot,
  outcome: Outcome,
  expected: ExpectedVersion,
): StreamSnapshot => {
  if (Result.isFailure(outcome)) return base
  const check = outcome.success.checked.get(streamId)
  if (check === undefined || check.fresh.length === 0) return base
  if (expected._tag === "Exact" && expected.version !== base.version) return base
  return snapshotAfter(
    base,
    check.state,
    check.fresh.map((d) => d.sent),
  )
}

/**
 * The result of an append, or the version conflict its caller's exact expectation meets: the store
 * skips a batch whose events are all stored already without looking at the version, yet the
 * caller's expectation still has to hold (a retried request answers the original result, which met
 * it). The append and the dry run of a used key both check it here.
 * @category constructors
 */
export const expectationMet = (
  streamId: string,
  expected: ExpectedVersion,
  result: AppendResult,
): Effect.Effect<AppendResult, StreamVersionConflict> => {
  const written = result.streams[0]
  return expected._tag === "Exact" && written !== undefined && written.fromVersion !== expected.version + 1
    ? Effect.fail(new StreamVersionConflict({ streamId, expected, actual: written.fromVersion - 1 }))
    : Effect.succeed(result)
}

/** The append of {@link AppendInput}s over a store and its state cache. @category constructors */
export const makeAppend = (store: EventStoreShape, stateCache: StateCache) => {
  const chain = makeWriteChain<StreamSnapshot>()
  return (input: AppendInput): Effect.Effect<AppendResult, BatchRejected | AppendError | LedgerIntegrity> =>
    Effect.suspend(() => {
      const streamId = Envelope.streamIdOf({ department: input.department, year: input.year })
      const expected = input.expectedVersion ?? { _tag: "Any" }
      const batch = decodeApiBatch(input, { override: input.actor })
      const check = (base: StreamSnapshot) =>
        Effect.result(checkApiBatch(batch, currentWith(stateCache.current, streamId, base)))
      return chain(streamId, (turn) =>
        Effect.gen(function* () {
          // Checked against what the write ahead expects to leave, while it is still writing.
          const guessed = yield* turn.previous
          const early = guessed === undefined ? undefined : yield* check(guessed)
          yield* turn.exclusive
          const head = yield* stateCache.current(streamId)
          const confirmed =
            early !== undefined &&
            guessed !== undefined &&
            head.state === guessed.state &&
            head.version === guessed.version &&
            // A store failure (reading another year) is not an answer about the batch: check again.
            (Result.isSuccess(early) || early.failure instanceof BatchRejected)
          const outcome = confirmed && early !== undefined ? early : yield* check(head)
          // Only a guess checked against the head: the write behind checks against it while this one writes.
          turn.guess(expectedAfter(streamId, head, outcome, expected))
          if (Result.isFailure(outcome)) return yield* Effect.fail(outcome.failure)
          const { decoded, checked } = outcome.success
          const result = yield* store.append(
            { streamId, expectedVersion: expected, events: decoded.map((d) => d.sent) },
            { idempotencyKey: input.idempotencyKey },
          )
          const written = result.streams[0]
          const mine = checked.get(streamId)
          // The head is the state the batch was checked against (confirmed above): advance from it.
          if (written !== undefined && mine !== undefined)
            stateCache.advance(
              streamId,
              head,
              mine.state,
              appendedEvents({ snapshot: head, fresh: mine.fresh }, written, (d) => d.sent),
            )
          return yield* expectationMet(streamId, expected, result)
        }),
      )
    })
}
