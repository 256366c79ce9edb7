/**
 * Canonical JSON (RFC 8785, JCS) and SHA-256 — the one implementation of the workspace (the event
 * store delegates here). Hashes are taken over these exact bytes — never over a re-serialisation —
 * so the event chain and every document hash are reproducible byte for byte.
 *
 * The writer is on the hot path of every disclosure (a ~110 KB document is hashed per build), so
 * it writes UTF-8 bytes into a reused buffer (no per-value strings, no rope to flatten), copies
 * ASCII itself and escapes only strings that need it; paths for error messages are only built
 * after a failure.
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
// check. Strings without a match are written as-is between quotes, which is what JSON.stringify gives.
// eslint-disable-next-line no-control-regex -- U+0000–U+001F are exactly what JSON must escape
const NEEDS_CARE = /["\\\u0000-\u001f\ud800-\udfff]/
const ANY_SURROGATE = /[\ud800-\udfff]/
// A lone (unpaired) UTF-16 surrogate has no UTF-8 encoding; RFC 8785 §3.2.2.2 requires valid Unicode.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

// Thrown (and caught) only inside this module on the hot path; the public error is built by
// `locate`. One shared instance: creating an Error (and its stack) per failure is not needed here.
class Invalid extends Error {}
const INVALID = new Invalid("not canonical JSON")

// The writer produces UTF-8 bytes into one growing scratch buffer rather than a JS string: a
// ~110 KB document built by string concatenation is a rope of tens of thousands of pieces, and
// flattening it for hashing cost more than writing it. Hashing the bytes needs no string at all.
let buf = Buffer.allocUnsafe(1 << 16)
let len = 0
let busy = false

const ensure = (more: number): void => {
  if (len + more <= buf.length) return
  const grown = Buffer.allocUnsafe(Math.max(buf.length * 2, len + more))
  buf.copy(grown, 0, 0, len)
  buf = grown
}

const byte = (b: number): void => {
  if (len === buf.length) ensure(1)
  buf[len++] = b
}

const ascii = (s: string): void => {
  ensure(s.length)
  for (let i = 0; i < s.length; i++) buf[len++] = s.charCodeAt(i)
}

/** Any string: escaped by JSON.stringify when it needs it, else written as UTF-8 between quotes. */
const quoteAny = (s: string): void => {
  if (NEEDS_CARE.test(s)) {
    if (ANY_SURROGATE.test(s) && LONE_SURROGATE.test(s)) throw INVALID
    // ES2019+ JSON.stringify escapes exactly as RFC 8785 §3.2.2.2 prescribes.
    const escaped = JSON.stringify(s)
    ensure(3 * escaped.length)
    len += buf.write(escaped, len)
    return
  }
  // a UTF-16 unit takes at most 3 bytes of UTF-8 (a surrogate pair, two units, takes 4)
  ensure(3 * s.length + 2)
  buf[len++] = 34
  len += buf.write(s, len)
  buf[len++] = 34
}

/**
 * A string in quotes. Printable ASCII without `"` or `\` (codes, amounts, ids, keys: most strings
 * of a document) is copied here byte by byte, and so are other characters of short strings (names,
 * indicator texts), encoded as UTF-8 here; anything needing an escape or the surrogate check, and
 * long texts, go to {@link quoteAny}.
 */
const quote = (s: string): void => {
  const n = s.length
  ensure(3 * n + 2)
  const b = buf
  let at = len
  b[at++] = 34
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x80) {
      if (c < 0x20 || c === 34 || c === 92) return quoteAny(s)
      b[at++] = c
    } else if (n > SHORT || (c >= 0xd800 && c <= 0xdfff)) return quoteAny(s)
    else if (c < 0x800) {
      b[at++] = 0xc0 | (c >> 6)
      b[at++] = 0x80 | (c & 0x3f)
    } else {
      b[at++] = 0xe0 | (c >> 12)
      b[at++] = 0x80 | ((c >> 6) & 0x3f)
      b[at++] = 0x80 | (c & 0x3f)
    }
  }
  b[at++] = 34
  len = at
}

/** Strings up to this length are encoded by {@link quote} itself; longer ones natively. */
const SHORT = 64

const isPlain = (value: object): boolean => {
  const proto = Object.getPrototypeOf(value) as unknown
  return proto === Object.prototype || proto === null
}

/**
 * Unsorted key lists already met, with their sorted form, by first key. Objects built by one code
 * path share a key order (a document has thousands of rows, funds and indicators), and sorting
 * the same list again for each of them was a tenth of hashing a document. Bounded: only short
 * lists of short keys are kept, and no more than {@link MAX_ORDERS} of them.
 */
const orders = new Map<
  string,
  Array<{ readonly seen: ReadonlyArray<string>; readonly sorted: Array<string> }>
>()
let orderCount = 0
const MAX_ORDERS = 512

const sameKeys = (a: ReadonlyArray<string>, b: ReadonlyArray<string>): boolean => {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** Keys in UTF-16 code-unit order (RFC 8785 §3.2.3), which is what the default sort compares. */
const sortedKeys = (record: object): ReadonlyArray<string> => {
  const keys = Object.keys(record)
  let inOrder = true
  for (let i = 1; i < keys.length; i++) {
    if ((keys[i - 1] as string) > (keys[i] as string)) {
      inOrder = false
      break
    }
  }
  if (inOrder) return keys
  const first = keys[0] as string
  const known = orders.get(first)
  if (known !== undefined) for (const o of known) if (sameKeys(o.seen, keys)) return o.sorted
  const sorted = [...keys].sort()
  if (orderCount < MAX_ORDERS && keys.length <= 64 && keys.every((k) => k.length <= 64)) {
    orderCount++
    if (known === undefined) orders.set(first, [{ seen: keys, sorted }])
    else known.push({ seen: keys, sorted })
  }
  return sorted
}

/**
 * True for an array of strings, finite numbers, booleans, nulls and such arrays (a row's cells, a
 * cell's line ids, a row's per-cell line ids — most of a disclosure's bytes): JSON.stringify
 * writes these exactly as the canonical form, there being no object keys to order.
 */
const primitivesOnly = (value: ReadonlyArray<unknown>, depth: number): boolean => {
  for (let i = 0; i < value.length; i++) {
    const v = value[i]
    const t = typeof v
    if (t === "string" || t === "boolean" || v === null) continue
    if (t === "number") {
      if (!Number.isFinite(v)) return false
    } else if (depth === 0 || !Array.isArray(v) || !primitivesOnly(v, depth - 1)) return false
  }
  return true
}

/**
 * Writes such an array with one native JSON.stringify and one UTF-8 copy: the arrays that
 * {@link asciiArray} leaves (cells with names, texts; writing those a string at a time in JS made
 * hashing a document ≈ 35 % slower). Returns false, having written nothing, for any other array —
 * and for one whose text has a `\ud` escape (a lone surrogate, which must fail, or merely a
 * backslash before "ud"): the element-wise path decides those.
 */
const primitives = (value: ReadonlyArray<unknown>): boolean => {
  if (!primitivesOnly(value, 1)) return false
  const text = JSON.stringify(value)
  if (text.includes("\\ud")) return false
  ensure(3 * text.length)
  len += buf.write(text, len)
  return true
}

/**
 * Writes an array of printable-ASCII strings, numbers, booleans, nulls and (down to `depth`) such
 * arrays — a cell's line ids, a row's per-cell line ids — in one tight loop. Returns false, having
 * written nothing, for any other array (a string with any other character included): those go
 * to {@link primitives}. For the short id arrays of a document the loop costs less than a native
 * `JSON.stringify` and a UTF-8 copy.
 */
const asciiArray = (value: ReadonlyArray<unknown>, depth: number): boolean => {
  const start = len
  byte(91) // [
  for (let i = 0; i < value.length; i++) {
    if (i > 0) byte(44) // ,
    const v = value[i]
    if (typeof v === "string") {
      const n = v.length
      ensure(n + 2)
      const b = buf
      let at = len
      b[at++] = 34
      for (let j = 0; j < n; j++) {
        const c = v.charCodeAt(j)
        if (c < 0x20 || c > 0x7e || c === 34 || c === 92) {
          len = start
          return false
        }
        b[at++] = c
      }
      b[at++] = 34
      len = at
    } else if (v === null) ascii("null")
    else if (typeof v === "number" && Number.isFinite(v)) ascii(v === 0 ? "0" : String(v))
    else if (typeof v === "boolean") ascii(v ? "true" : "false")
    else if (depth === 0 || !Array.isArray(v) || !asciiArray(v, depth - 1)) {
      len = start
      return false
    }
  }
  byte(93) // ]
  return true
}

// The hot path. `omitUndefined`: an object member whose value is undefined is left out (as
// JSON.stringify does) instead of being an error.
const write = (value: unknown, omitUndefined: boolean): void => {
  switch (typeof value) {
    case "string":
      return quote(value)
    case "number":
      if (!Number.isFinite(value)) throw INVALID
      // ES Number.prototype.toString is the RFC 8785 number format; -0 becomes "0".
      return ascii(value === 0 ? "0" : String(value))
    case "boolean":
      return ascii(value ? "true" : "false")
    case "object": {
      if (value === null) return ascii("null")
      if (Array.isArray(value)) {
        if (asciiArray(value, 1) || primitives(value)) return
        byte(91) // [
        for (let i = 0; i < value.length; i++) {
          if (i > 0) byte(44) // ,
          write(value[i], omitUndefined)
        }
        return byte(93) // ]
      }
      if (!isPlain(value)) throw INVALID
      const record = value as Record<string, unknown>
      const keys = sortedKeys(record)
      byte(123) // {
      let first = true
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i] as string
        const member = record[key]
        if (member === undefined) {
          if (omitUndefined) continue
          throw INVALID
        }
        if (!first) byte(44) // ,
        first = false
        quote(key)
        byte(58) // :
        write(member, omitUndefined)
      }
      return byte(125) // }
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
    len = 0
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

/** Writes `value` into the scratch buffer and hands the bytes to `use` (which must not keep them). */
const run = <A>(
  value: unknown,
  path: string,
  omitUndefined: boolean,
  use: (bytes: Buffer, length: number) => A,
): A => {
  // A getter that canonicalizes while we write would clobber the scratch buffer: give it its own.
  const outer = busy ? { buf, len } : undefined
  if (outer !== undefined) buf = Buffer.allocUnsafe(1 << 10)
  busy = true
  try {
    len = 0
    write(value, omitUndefined)
    return use(buf, len)
  } catch (error) {
    if (error === INVALID) throw locate(value, path, omitUndefined)
    throw error
  } finally {
    if (outer === undefined) busy = false
    else ({ buf, len } = outer)
  }
}

const toText = (bytes: Buffer, length: number): string => bytes.toString("utf8", 0, length)
const toHash = (bytes: Buffer, length: number): string =>
  createHash("sha256").update(bytes.subarray(0, length)).digest("hex")

/**
 * The canonical JSON text of a value: object keys sorted by UTF-16 code units, no whitespace,
 * primitives as ECMAScript's JSON.stringify writes them. An object member whose value is
 * `undefined` is left out, as JSON.stringify does (optional fields of domain values). Throws
 * {@link NotCanonicalJson} for anything else JSON cannot represent: those are bugs, not input.
 * @category encoding
 */
export const canonicalize = (value: unknown, path = "$"): string => run(value, path, true, toText)

/**
 * RFC 8785 to the letter: like {@link canonicalize}, but an `undefined` member is an error too, so
 * a value that round-trips through JSON.parse is exactly what was hashed (the event store's rule).
 * @category encoding
 */
export const canonicalizeStrict = (value: unknown, path = "$"): string => run(value, path, false, toText)

/** Hex SHA-256 of a UTF-8 string. @category encoding */
export const sha256Hex = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex")

/**
 * The UTF-8 bytes of {@link canonicalize}'s text, without building the string (a fresh copy): what
 * a server sends or a file stores, at a fraction of the cost of encoding the text.
 * @category encoding
 */
export const canonicalBytes = (value: unknown, path = "$"): Uint8Array =>
  run(value, path, true, (bytes, length) => Uint8Array.prototype.slice.call(bytes, 0, length))

/**
 * Hex SHA-256 of the canonical form of a value (as {@link canonicalize} writes it), hashed from
 * the UTF-8 bytes directly. @category encoding
 */
export const hashOf = (value: unknown): string => run(value, "$", true, toHash)
