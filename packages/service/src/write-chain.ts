/**
 * The writes of one stream in this process, in the order they arrived, as a chain: each write
 * runs its critical part (read the head, append, advance the state cache) only after every earlier
 * one has ended — so each starts from the head the previous one left instead of racing it into the
 * store — but may do its checking before that, against the state the write ahead of it expects to
 * leave (its guess). While one write waits for the database, the next ones check their batches
 * against its guess instead of idling in a queue; each still confirms, in its own turn, that the
 * head it reads is the state it checked against, and checks again when it is not (see the
 * service's `append`). Keys are dropped when idle.
 *
 * @module
 */
import { Effect } from "effect"

/** A write's place in its key's chain. @category models */
export interface Turn<S> {
  /** What the write ahead expects to leave once it ends (its guess), or undefined: no write ahead, or no guess. */
  readonly previous: Effect.Effect<S | undefined>
  /** Tells the write behind what this one expects to leave; only the first call counts. */
  readonly guess: (expected: S | undefined) => void
  /** Waits until every earlier write of the key has ended; what follows runs alone. */
  readonly exclusive: Effect.Effect<void>
}

/** A promise with its resolver. */
const signal = <A>() => {
  let resolve: (a: A) => void = () => undefined
  const promise = new Promise<A>((r) => (resolve = r))
  return { promise, resolve }
}

interface Link<S> {
  readonly guess: Promise<S | undefined>
  readonly ended: Promise<void>
}

/**
 * `chain(key, body)` runs `body` with its {@link Turn}: earlier writes of `key` are the ones whose
 * `chain` call was made before. A write ends for the one behind it only when it has ended and so
 * has every write ahead of it, so `exclusive` excludes them all even if one gave up early.
 * @category constructors
 */
export const makeWriteChain = <S>() => {
  const last = new Map<string, Link<S>>()
  return <A, E, R>(key: string, body: (turn: Turn<S>) => Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    Effect.suspend(() => {
      const ahead = last.get(key)
      const guess = signal<S | undefined>()
      const ended = signal<void>()
      const mine: Link<S> = { guess: guess.promise, ended: ended.promise }
      last.set(key, mine)
      const turn: Turn<S> = {
        previous: ahead === undefined ? Effect.succeed(undefined) : Effect.promise(() => ahead.guess),
        guess: guess.resolve,
        exclusive: ahead === undefined ? Effect.void : Effect.promise(() => ahead.ended),
      }
      return Effect.ensuring(
        body(turn),
        Effect.sync(() => {
          guess.resolve(undefined)
          const end = () => {
            ended.resolve()
            if (last.get(key) === mine) last.delete(key)
          }
          if (ahead === undefined) end()
          else void ahead.ended.then(end)
        }),
      )
    })
}
