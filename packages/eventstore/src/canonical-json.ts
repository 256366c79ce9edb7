/**
 * RFC 8785 (JSON Canonicalization Scheme) serialisation. The event store hashes these exact
 * bytes, so two parties that agree on a JSON value always agree on its hash — unlike hashing
 * `JSON.stringify` output, whose key order depends on how the object was built.
 */

/**
 * Raised when a value has no JSON form (non-finite number, `undefined`, a function, a bigint,
 * a lone surrogate, a non-plain object). `path` names the offending member, e.g. `data.lines[2].amount`.
 * @category errors
 */
export class NotCanonicalJson extends Error {
  readonly path: string
  constructor(path: string, message: string) {
    super(`${path}: ${message}`)
    this.name = "NotCanonicalJson"
    this.path = path
  }
}

// A lone (unpaired) UTF-16 surrogate has no UTF-8 encoding; RFC 8785 §3.2.2.2 requires valid Unicode.
const ANY_SURROGATE = /[\uD800-\uDFFF]/
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Why a value is not JSON, or undefined when it is (the value itself, not its members). */
const problem = (value: unknown): string | undefined => {
  switch (typeof value) {
    case "number":
      return Number.isFinite(value) ? undefined : "number is not finite"
    case "string":
      return ANY_SURROGATE.test(value) && LONE_SURROGATE.test(value)
        ? "string contains a lone surrogate"
        : undefined
    case "boolean":
      return undefined
    case "object": {
      if (value === null || Array.isArray(value)) return undefined
      const proto = Object.getPrototypeOf(value) as unknown
      return proto === Object.prototype || proto === null ? undefined : "only plain objects are JSON"
    }
    default:
      return `${typeof value} is not JSON`
  }
}

// Thrown (and caught) only inside this module; an Error without a stack would do, but a shared
// instance costs nothing on the hot path.
class Invalid extends Error {}
const INVALID = new Invalid("not JSON")

// The hot path: no path strings are built (they cost more than the serialisation itself).
const serialize = (value: unknown): string => {
  switch (typeof value) {
    case "string":
      if (ANY_SURROGATE.test(value) && LONE_SURROGATE.test(value)) throw INVALID
      // ES2019+ JSON.stringify escapes exactly as RFC 8785 §3.2.2.2 prescribes.
      return JSON.stringify(value)
    case "number":
      if (!Number.isFinite(value)) throw INVALID
      // ES Number.prototype.toString is the RFC 8785 number format; -0 becomes "0".
      return value === 0 ? "0" : String(value)
    case "boolean":
      return value ? "true" : "false"
    case "object": {
      if (value === null) return "null"
      if (Array.isArray(value)) {
        let out = "["
        for (let i = 0; i < value.length; i++) out += (i === 0 ? "" : ",") + serialize(value[i])
        return `${out}]`
      }
      const proto = Object.getPrototypeOf(value) as unknown
      if (proto !== Object.prototype && proto !== null) throw INVALID
      const record = value as Record<string, unknown>
      // Default sort compares UTF-16 code units, which is what RFC 8785 §3.2.3 requires.
      const keys = Object.keys(record).sort()
      let out = "{"
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i] as string
        const member = record[key]
        if (member === undefined) throw INVALID
        out += `${i === 0 ? "" : ","}${serialize(key)}:${serialize(member)}`
      }
      return `${out}}`
    }
    default:
      throw INVALID
  }
}

// The slow path, run only after a failure, to name where the value stops being JSON.
const locate = (value: unknown, path: string): NotCanonicalJson => {
  if (value === undefined) return new NotCanonicalJson(path, "undefined is not JSON")
  const own = problem(value)
  if (own !== undefined) return new NotCanonicalJson(path, own)
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!isJson(value[i])) return locate(value[i], `${path}[${i}]`)
    }
  } else if (typeof value === "object" && value !== null) {
    for (const [key, member] of Object.entries(value)) {
      if (problem(key) !== undefined) return new NotCanonicalJson(path, "a key contains a lone surrogate")
      if (!isJson(member)) return locate(member, `${path}.${key}`)
    }
  }
  return new NotCanonicalJson(path, "not JSON")
}

const isJson = (value: unknown): boolean => {
  try {
    serialize(value)
    return true
  } catch {
    return false
  }
}

/**
 * The RFC 8785 canonical JSON text of `value`; throws {@link NotCanonicalJson} naming the path.
 * @category constructors
 */
export const canonicalize = (value: unknown, path = "$"): string => {
  try {
    return serialize(value)
  } catch (error) {
    if (error === INVALID) throw locate(value, path)
    throw error
  }
}
