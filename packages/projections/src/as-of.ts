/**
 * Chooses the events a disclosure is built from: the current state, the state as published, or
 * the state at a log position or a point in time. "As published" is everything before the latest
 * `DisclosurePublished` event; its seal is not consulted, so an unsealed event works too.
 *
 * @module as-of
 */
import { Data, Result } from "effect"
import type { LoggedEvent } from "./logged-event.ts"

/** Which state of the log to project. @category models */
export type AsOf =
  | { readonly _tag: "Current" }
  | { readonly _tag: "Published" }
  | { readonly _tag: "Position"; readonly position: number }
  | { readonly _tag: "RecordedAt"; readonly at: string }
  | { readonly _tag: "OccurredAt"; readonly at: string }

/** Constructors for {@link AsOf}. @category constructors */
export const AsOf = {
  current: { _tag: "Current" } as AsOf,
  published: { _tag: "Published" } as AsOf,
  position: (position: number): AsOf => ({ _tag: "Position", position }),
  recordedAt: (at: string): AsOf => ({ _tag: "RecordedAt", at }),
  occurredAt: (at: string): AsOf => ({ _tag: "OccurredAt", at }),
}

/** "As published" was asked for a stream that has no `DisclosurePublished` event. @category errors */
export class NotPublished extends Data.TaggedError("NotPublished")<{ readonly streamId: string }> {
  override get message(): string {
    return `stream ${this.streamId} has no DisclosurePublished event`
  }
}

/** A time bound that is not an ISO date or instant. @category errors */
export class InvalidAsOf extends Data.TaggedError("InvalidAsOf")<{
  readonly field: "at"
  readonly input: string
}> {
  override get message(): string {
    return `as-of ${this.field} "${this.input}" is not an ISO date or instant`
  }
}

const instant = (s: string): number => Date.parse(s)

/**
 * The events (in log order) that make up the state asked for. Time bounds are inclusive.
 * @category projections
 */
export const selectEvents = (
  events: ReadonlyArray<LoggedEvent>,
  asOf: AsOf,
): Result.Result<ReadonlyArray<LoggedEvent>, NotPublished | InvalidAsOf> => {
  switch (asOf._tag) {
    case "Current":
      return Result.succeed(events)
    case "Published": {
      let last = -1
      events.forEach((e, i) => {
        if (e.event.type === "DisclosurePublished") last = i
      })
      if (last < 0) return Result.fail(new NotPublished({ streamId: events[0]?.meta.streamId ?? "" }))
      return Result.succeed(events.slice(0, last))
    }
    case "Position":
      return Result.succeed(events.filter((e) => e.meta.position <= asOf.position))
    case "RecordedAt":
    case "OccurredAt": {
      const bound = instant(asOf.at)
      if (Number.isNaN(bound)) return Result.fail(new InvalidAsOf({ field: "at", input: asOf.at }))
      const pick =
        asOf._tag === "RecordedAt"
          ? (e: LoggedEvent) => e.meta.recordedAt
          : (e: LoggedEvent) => e.meta.occurredAt
      return Result.succeed(events.filter((e) => instant(pick(e)) <= bound))
    }
  }
}
