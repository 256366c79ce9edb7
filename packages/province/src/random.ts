/**
 * A small seeded pseudo-random generator (splitmix32 seeding a mulberry32 stream), so a province is
 * the same file for the same seed on every machine and every department-year can be generated on
 * its own, in any order, without generating the ones before it.
 *
 * @module random
 */

/** A deterministic stream of numbers in [0, 1) and the helpers the generator draws with. */
export interface Random {
  /** The next number in [0, 1). */
  readonly next: () => number
  /** An integer in [min, max], both included. */
  readonly int: (min: number, max: number) => number
  /** An integer in [min, max] skewed towards min (most departments are small): u^power. */
  readonly skewed: (min: number, max: number, power: number) => number
  /** One element of a non-empty list. */
  readonly pick: <A>(items: ReadonlyArray<A>) => A
  /** True with probability p. */
  readonly chance: (p: number) => boolean
}

/** Mixes a 32-bit integer (splitmix32's finaliser). */
const mix = (x: number): number => {
  let z = (x + 0x9e3779b9) | 0
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
  return (z ^ (z >>> 16)) >>> 0
}

/** A 32-bit hash of a string and a seed (FNV-1a, then mixed), to derive one stream per key. */
const hashSeed = (seed: number, key: string): number => {
  let h = (0x811c9dc5 ^ mix(seed)) >>> 0
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0
  return mix(h)
}

/**
 * The random stream of one key (e.g. a department-year) under a province seed.
 * @category constructors
 */
export const makeRandom = (seed: number, key: string): Random => {
  let state = hashSeed(seed, key)
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  return {
    next,
    int,
    skewed: (min, max, power) => min + Math.floor(Math.pow(next(), power) * (max - min + 1)),
    pick: <A>(items: ReadonlyArray<A>): A => items[Math.floor(next() * items.length)] as A,
    chance: (p) => next() < p,
  }
}
