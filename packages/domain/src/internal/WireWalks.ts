/**
 * The walks of a wire event's value that let `Envelope`'s decoders skip work: the quick scan for
 * NULs and surrogates (nothing for the full walk to find) and the fast decode's check that the
 * compiled decoders dropped no excess property.
 *
 * @module
 */

/** A NUL or any surrogate: a string without one needs no closer look. */
// eslint-disable-next-line no-control-regex -- a NUL is one of the two things it looks for
const SUSPECT = /[\u0000\uD800-\uDFFF]/

/**
 * True when no string (value or key) in `value` holds a NUL or a surrogate, so `Envelope`'s walk
 * for them (`findNul`) would find nothing: one plain character-class scan per string and no path
 * built, where the import's hot loop spent a fifth of the decode building a path array for every
 * value. `for…in`
 * sees every key `Object.entries` sees (and inherited enumerable ones: more to look at, never
 * less), without an array of pairs per object.
 */
export const plainText = (value: unknown): boolean => {
  if (typeof value === "string") return !SUSPECT.test(value)
  if (typeof value !== "object" || value === null) return true
  if (Array.isArray(value)) {
    for (const v of value) if (!plainText(v)) return false
    return true
  }
  const o = value as Record<string, unknown>
  for (const k in o) if (SUSPECT.test(k) || !plainText(o[k])) return false
  return true
}

/**
 * True when every object in `input` has as many keys as the object in the same place of `output`,
 * what a decoder that drops excess properties made of it: no property was dropped. (The event
 * schemas have no defaults or transformations to objects, so a decoder only drops keys and equal
 * counts are equal key sets; `for…in` also counts inherited keys: an event with one goes to
 * `decodeEvent`.) Symbol keys, which it does not see, are for the caller to rule out.
 */
export const sameKeys = (input: unknown, output: unknown): boolean => {
  if (typeof output !== "object" || output === null) return true
  if (typeof input !== "object" || input === null) return false
  if (Array.isArray(output)) {
    for (let i = 0; i < output.length; i++)
      if (!sameKeys((input as ReadonlyArray<unknown>)[i], output[i])) return false
    return true
  }
  let n = 0
  for (const k in output) {
    n++
    if (!sameKeys((input as Record<string, unknown>)[k], (output as Record<string, unknown>)[k])) return false
  }
  for (const _ in input) n--
  return n === 0
}

/**
 * {@link plainText}, and no object with a symbol key (the compiled decoders' excess check counts
 * them, {@link sameKeys} does not): what a value parsed from JSON text always is.
 */
export const plainWire = (value: unknown): boolean => {
  if (typeof value === "string") return !SUSPECT.test(value)
  if (typeof value !== "object" || value === null) return true
  if (Object.getOwnPropertySymbols(value).length > 0) return false
  if (Array.isArray(value)) {
    for (const v of value) if (!plainWire(v)) return false
    return true
  }
  const o = value as Record<string, unknown>
  for (const k in o) if (SUSPECT.test(k) || !plainWire(o[k])) return false
  return true
}
