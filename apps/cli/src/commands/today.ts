/**
 * Today's date for a command that records one (publish), read from the Effect `Clock` so a test
 * can fix it with `TestClock`; the day is the department's (Asia/Shanghai), like a bare as-of date.
 *
 * @module
 */
import { dateInZone } from "@ledger/projections"
import { Clock, Effect } from "effect"

/** `YYYY-MM-DD` in the department's time zone at the Clock's current time. */
export const today: Effect.Effect<string> = Effect.map(Clock.currentTimeMillis, dateInZone)
