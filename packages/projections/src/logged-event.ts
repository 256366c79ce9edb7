/**
 * The input of every projection: a decoded budget event with the metadata the store gave it.
 * The CLI and the API build these from stored rows via `Envelope`; projections never see storage.
 *
 * @module logged-event
 */
import type { BudgetEvent } from "@ledger/domain"

/** Where and when the store recorded an event, and its place in the hash chain. @category models */
export interface LoggedEventMeta {
  readonly streamId: string
  readonly version: number
  readonly position: number
  readonly eventId: string
  readonly occurredAt: string
  readonly recordedAt: string
  readonly actor: string
  readonly hash: string
}

/** A stored budget event. @category models */
export interface LoggedEvent {
  readonly event: BudgetEvent.BudgetEvent
  readonly meta: LoggedEventMeta
}
