/**
 * Canonical JSON (RFC 8785, JCS) and SHA-256 — the one implementation of the workspace (the event
 * store delegates here). Hashes are taken over these exact bytes — never over a re-serialisation —
 * so the event chain and every document hash are reproducible byte for byte.
 *
 * The writer is on the hot path of every disclosure (a ~110 KB document is hashed per build), so
 * it avoids per-value allocations: strings and keys without anything to escape are quoted by
 * concatenation, and paths for error messages are only built after a failure.
 *
 * @module CanonicalJson
 */
import { createHash } from "node:crypto"

/**
 * Raised when a value has no canonical JSON form (non-finite number, `undefined` where a value is
 * required, a function, a bigint, a lone surrogate, a non-plain object). `path` names the offending
 * member, e.g. `$.data.lines[2].amount`. A bug or hostile input, never a normal outcome.
 * @category errors
 */
export class NotCanonicalJson extends Error {
  readonly _tag = "NotCanonicalJson"
  readonly path: string
  constructor(path: string, message: string) {
    super(`${path}: ${message}`)
    this.name = "NotCanonicalJson"
    this.path = path
  }
}

// Anything JSON.stringify would escape (controls, quote, backslash) or that needs the surrogate
// check. Strings without a match are written as `"` + s + `"`, which is what JSON.stringify gives.
const NEEDS_CARE = /["\\\u0000-\u001f\ud800-\udfff]/
const ANY_SURROGATE = /[\ud800-\udfff]/
// A lone (unpaired) UTF-16 surrogate has no UTF-8 encoding; RFC 8785 §3.2.2.2 requires valid Unicode.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

// Thrown (and caught) only inside this module on the hot path; the public error is built by `locate`.
const INVALID: unique symbol = Symbol("not canonical JSON")

const quote = (s: string): string => {
  if (!NEEDS_CARE.test(s)) return `"${s}"`
  if (ANY_SURROGATE.test(s) && LONE_SURROGATE.test(s)) throw INVALID
  // ES2019+ JSON.stringify escapes exactly as RFC 8785 §3.2.2.2 prescribes.
  return JSON.stringify(s)
}

const isPlain = (value: object): boolean => {
  const proto = Object.getPrototypeOf(value) as unknown
  return proto === Object.prototype || proto === null
}

/** Keys in UTF-16 code-unit order (RFC 8785 §3.2.3), which is what the default sort compares. */
const sortedKeys = (record: object): Array<string> => {
  const keys = Object.keys(record)
  for (let i = 1; i < keys.length; i++) {
    if ((keys[i - 1] as string) > (keys[i] as string)) return keys.sort()
  }
  return keys
}

// The hot path. `omitUndefined`: an object member whose value is undefined is left out (as
// JSON.stringify does) instead of being an error.
const write = (value: unknown, omitUndefined: boolean): string => {
  switch (typeof value) {
    case "string":
      return quote(value)
    case "number":
      if (!Number.isFinite(value)) throw INVALID
      // ES Number.prototype.toString is the RFC 8785 number format; -0 becomes "0".
      return value === 0 ? "0" : String(value)
    case "boolean":
      return value ? "true" : "false"
    case "object": {
      if (value === null) return "null"
      if (Array.isArray(value)) {
        const n = value.length
        if (n === 0) return "[]"
        let out = "[" + write(value[0], omitUndefined)
        for (let i = 1; i < n; i++) out += "," + write(value[i], omitUndefined)
        return out + "]"
      }
      if (!isPlain(value)) throw INVALID
      const record = value as Record<string, unknown>
      const keys = sortedKeys(record)
      let out = "{"
      let first = true
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i] as string
        const member = record[key]
        if (member === undefined) {
          if (omitUndefined) continue
          throw INVALID
        }
        out += (first ? "" : ",") + quote(key) + ":" + write(member, omitUndefined)
        first = false
      }
      return out + "}"
    }
    default:
      throw INVALID
  }
}

/** Why a value itself (not its members) is not JSON, or undefined when it is. */
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
    case "object":
      return value === null || Array.isArray(value) || isPlain(value)
        ? undefined
        : "only plain objects are JSON"
    case "undefined":
      return "undefined is not JSON"
    default:
      return `${typeof value} is not JSON`
  }
}

const writes = (value: unknown, omitUndefined: boolean): boolean => {
  try {
    write(value, omitUndefined)
    return true
  } catch {
    return false
  }
}

// The slow path, run only after a failure, to name where the value stops being JSON.
const locate = (value: unknown, path: string, omitUndefined: boolean): NotCanonicalJson => {
  const own = problem(value)
  if (own !== undefined) return new NotCanonicalJson(path, own)
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!writes(value[i], omitUndefined)) return locate(value[i], `${path}[${i}]`, omitUndefined)
    }
  } else if (typeof value === "object" && value !== null) {
    for (const [key, member] of Object.entries(value)) {
      if (problem(key) !== undefined) return new NotCanonicalJson(path, "a key contains a lone surrogate")
      if (member === undefined && omitUndefined) continue
      if (!writes(member, omitUndefined)) return locate(member, `${path}.${key}`, omitUndefined)
    }
  }
  return new NotCanonicalJson(path, "not JSON")
}

const run = (value: unknown, path: string, omitUndefined: boolean): string => {
  try {
    return write(value, omitUndefined)
  } catch (error) {
    if (error === INVALID) throw locate(value, path, omitUndefined)
    throw error
  }
}

/**
 * The canonical JSON text of a value: object keys sorted by UTF-16 code units, no whitespace,
 * primitives as ECMAScript's JSON.stringify writes them. An object member whose value is
 * `undefined` is left out, as JSON.stringify does (optional fields of domain values). Throws
 * {@link NotCanonicalJson} for anything else JSON cannot represent: those are bugs, not input.
 * @category encoding
 */
export const canonicalize = (value: unknown, path = "$"): string => run(value, path, true)

/**
 * RFC 8785 to the letter: like {@link canonicalize}, but an `undefined` member is an error too, so
 * a value that round-trips through JSON.parse is exactly what was hashed (the event store's rule).
 * @category encoding
 */
export const canonicalizeStrict = (value: unknown, path = "$"): string => run(value, path, false)

/** Hex SHA-256 of a UTF-8 string. @category encoding */
export const sha256Hex = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex")

/** Hex SHA-256 of the canonical form of a value. @category encoding */
export const hashOf = (value: unknown): string => sha256Hex(canonicalize(value))
