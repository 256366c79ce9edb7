/**
 * One holder at a time per key: the service runs a stream's appends one after another within the
 * process, so each starts from the head the previous one left in the state cache instead of
 * racing it to the store and re-reading what the winner wrote. Keys are dropped when idle.
 *
 * @module
 */
import { Effect, Semaphore } from "effect"

/** A lock per key: `lock(key, effect)` runs `effect` when no other holder of `key` runs. @category constructors */
export const makeKeyedLock = () => {
  const slots = new Map<string, { readonly semaphore: Semaphore.Semaphore; users: number }>()
  return <A, E, R>(key: string, effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    Effect.suspend(() => {
      let slot = slots.get(key)
      if (slot === undefined) {
        slot = { semaphore: Semaphore.makeUnsafe(1), users: 0 }
        slots.set(key, slot)
      }
      const held = slot
      held.users++
      return Effect.ensuring(
        held.semaphore.withPermit(effect),
        Effect.sync(() => {
          if (--held.users === 0) slots.delete(key)
        }),
      )
    })
}
