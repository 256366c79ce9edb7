/**
 * Small builders for contract tests: unique stream ids and events with predictable bodies.
 */
import { randomUUID } from "node:crypto"
import { Effect } from "effect"
import type { AppendRequest, ExpectedVersion, NewEvent } from "../event.ts"

/** A prefix unique to this test run, so tests sharing one database never see each other's streams. */
export const runId = randomUUID().slice(0, 8)
let counter = 0

/** A fresh stream id, e.g. `t3f9a1b2c/17`. @category constructors */
export const freshStream = (label = "s"): string => `${label}-${runId}/${++counter}`

/** A fresh idempotency key. @category constructors */
export const freshKey = (label = "k"): string => `${label}-${runId}-${++counter}`

/** An event whose body is fully determined by `n` and `overrides`. @category constructors */
export const event = (n: number, overrides: Partial<NewEvent> = {}): NewEvent => ({
  eventId: `ev-${runId}-${++counter}-${n}`,
  type: "TestEvent",
  schemaVersion: 1,
  occurredAt: "2026-01-15",
  actor: "tester",
  idempotencyKey: `idem-${n}`,
  data: { n, amount: `${n}.00`, label: "预算" },
  ...overrides,
})

/** Events numbered `from..from+count-1`. @category constructors */
export const events = (count: number, from = 1): Array<NewEvent> =>
  Array.from({ length: count }, (_, i) => event(from + i))

/** One stream's append request. @category constructors */
export const request = (
  streamId: string,
  expectedVersion: ExpectedVersion,
  evs: ReadonlyArray<NewEvent>,
): AppendRequest => ({
  streamId,
  expectedVersion,
  events: evs,
})

/** Runs an effect to its success, or rejects with its typed error. */
export const run = <A, E>(effect: Effect.Effect<A, E>): Promise<A> => Effect.runPromise(effect)

/** Runs an effect expected to fail and resolves with its typed error (rejects if it succeeds). */
export const runError = <A, E>(effect: Effect.Effect<A, E>): Promise<E> =>
  Effect.runPromise(Effect.flip(effect))
