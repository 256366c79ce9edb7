/**
 * The default date of a publication (`ledger publish` and `POST …/publish` without a date), read
 * from the Effect `Clock` so tests fix it with `TestClock`; both front ends take it from here, so
 * they cannot disagree. It is the UTC date, as the publication's seal has always carried it.
 *
 * @module
 */
import { Clock, Effect } from "effect"

/** `YYYY-MM-DD` (UTC) of an instant. @category constructors */
export const dateOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10)

/** Today's date (UTC) at the Clock's current time. @category constructors */
export const today: Effect.Effect<string> = Effect.map(Clock.currentTimeMillis, dateOf)
