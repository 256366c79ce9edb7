/**
 * Publishing a department-year so that a finance system can retry it: the seal is computed from the
 * stored log; publishing a state that is already sealed (nothing appended since the last
 * `DisclosurePublished`, or a retry with the same `Idempotency-Key`) answers the existing seal
 * instead of sealing again; a stale `expectedVersion` is a conflict; the caller's checks (the
 * auditor's rules) refuse a state with errors unless forced, and a forced seal records what it
 * overrode.
 *
 * @module
 */
import { type BudgetState, Envelope } from "@ledger/domain"
import type { AppendError, EventStoreShape, StoreUnavailable } from "@ledger/eventstore"
import { StreamVersionConflict } from "@ledger/eventstore"
import type { Disclosure, LoggedEvent } from "@ledger/projections"
import { Data, Effect } from "effect"
import { UnknownDepartmentYear } from "./errors.ts"
import { derivedEventId, toNewEvent } from "./events.ts"

/** A finding that stops a publication (an error of the checks). @category models */
export interface BlockingFinding {
  readonly rule: string
  readonly place: string
  readonly message: string
}

/** How to publish. @category models */
export interface PublishOptions {
  readonly actor: string
  /** The publication date (YYYY-MM-DD), recorded as the event's `occurredAt`. */
  readonly occurredAt: string
  /** The stream version the caller saw; another version is a conflict (unless that state is sealed). */
  readonly expectedVersion?: number | undefined
  /** The caller's retry key: a second publish with it answers the first seal. */
  readonly idempotencyKey?: string | undefined
  /** The checks to run on the document; their errors refuse the publication unless `force`. */
  readonly check?:
    ((doc: Disclosure, state: BudgetState.BudgetState) => ReadonlyArray<BlockingFinding>) | undefined
  readonly force?: boolean | undefined
}

/** What a publication answers. @category models */
export interface Seal {
  readonly template: string
  readonly streamVersion: number
  readonly position: number
  readonly headHash: string
  readonly documentHash: string
  /** 1 when this call sealed, 0 when it answered an existing seal. */
  readonly appended: number
  /** The version and date of the DisclosurePublished event holding the seal. */
  readonly publishedVersion: number
  readonly publishedOn: string
  readonly forced?: { readonly errors: number; readonly rules: ReadonlyArray<string> } | undefined
}

/** The checks found errors and the publication was not forced; nothing was written. @category errors */
export class PublishRefused extends Data.TaggedError("PublishRefused")<{
  readonly findings: ReadonlyArray<BlockingFinding>
}> {
  override get message(): string {
    return `the checks found ${this.findings.length} error(s); fix them or publish with force (recorded in the seal): ${this.findings
      .slice(0, 5)
      .map((f) => `${f.rule} ${f.place}: ${f.message}`)
      .join("; ")}`
  }
}

type PublishedData = {
  readonly template: string
  readonly streamVersion?: number | undefined
  readonly position?: number | undefined
  readonly headHash?: string | undefined
  readonly documentHash?: string | undefined
  readonly forced?: { readonly errors: number; readonly rules: ReadonlyArray<string> } | undefined
}

const sealOf = (e: LoggedEvent, appended: number): Seal | undefined => {
  if (e.event.type !== "DisclosurePublished") return undefined
  const d = e.event.data as PublishedData
  if (
    d.streamVersion === undefined ||
    d.position === undefined ||
    d.headHash === undefined ||
    d.documentHash === undefined
  )
    return undefined
  return {
    template: d.template,
    streamVersion: d.streamVersion,
    position: d.position,
    headHash: d.headHash,
    documentHash: d.documentHash,
    appended,
    publishedVersion: e.meta.version,
    publishedOn: e.meta.occurredAt,
    ...(d.forced === undefined ? {} : { forced: d.forced }),
  }
}

/**
 * Publishes the current state of a stream from one replay of it (its whole log, state and document).
 * @category commands
 */
export const publishLog = (
  store: EventStoreShape,
  department: string,
  year: number,
  current: {
    readonly log: ReadonlyArray<LoggedEvent>
    readonly disclosure: Disclosure
    readonly state: BudgetState.BudgetState
  },
  options: PublishOptions,
): Effect.Effect<Seal, PublishRefused | UnknownDepartmentYear | AppendError | StoreUnavailable> =>
  Effect.gen(function* () {
    const events = current.log
    const last = events[events.length - 1]
    if (last === undefined) return yield* Effect.fail(new UnknownDepartmentYear({ department, year }))
    const streamId = Envelope.streamIdOf({ department, year })
    const eventKey =
      options.idempotencyKey === undefined ? undefined : `publish:key:${options.idempotencyKey}`
    if (eventKey !== undefined) {
      const eventId = derivedEventId(streamId, eventKey)
      const earlier = events.find((e) => e.meta.eventId === eventId)
      const seal = earlier === undefined ? undefined : sealOf(earlier, 0)
      if (seal !== undefined) return seal
    }
    // Nothing appended since the last seal: that seal is the answer, whatever version the caller saw
    // before it sealed.
    const sealed = sealOf(last, 0)
    if (
      sealed !== undefined &&
      (options.expectedVersion === undefined ||
        options.expectedVersion === sealed.streamVersion ||
        options.expectedVersion === sealed.publishedVersion)
    )
      return sealed
    if (options.expectedVersion !== undefined && options.expectedVersion !== last.meta.version)
      return yield* Effect.fail(
        new StreamVersionConflict({
          streamId,
          expected: { _tag: "Exact", version: options.expectedVersion },
          actual: last.meta.version,
        }),
      )
    const doc = current.disclosure
    const errors = options.check?.(doc, current.state) ?? []
    if (errors.length > 0 && options.force !== true)
      return yield* Effect.fail(new PublishRefused({ findings: errors }))
    const forced =
      errors.length > 0
        ? { errors: errors.length, rules: [...new Set(errors.map((f) => f.rule))].sort() }
        : undefined
    const data = {
      template: doc.template,
      streamVersion: last.meta.version,
      position: last.meta.position,
      headHash: last.meta.hash,
      documentHash: doc.documentHash,
      ...(forced === undefined ? {} : { forced }),
    }
    const result = yield* store.append(
      {
        streamId,
        expectedVersion: { _tag: "Exact", version: last.meta.version },
        events: [
          toNewEvent(
            {
              meta: {
                stream: { department, year },
                schemaVersion: 1,
                occurredAt: options.occurredAt,
                actor: options.actor,
                idempotencyKey: eventKey ?? `publish:${doc.documentHash}`,
              },
              event: { type: "DisclosurePublished", data },
            },
            { override: options.actor },
          ),
        ],
      },
      { idempotencyKey: `publish:${streamId}:${eventKey ?? doc.documentHash}` },
    )
    const appended = result.streams[0]?.appended ?? 0
    return {
      ...data,
      appended,
      publishedVersion: result.streams[0]?.toVersion ?? last.meta.version + 1,
      publishedOn: options.occurredAt,
    }
  })
