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
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

const serializeString = (s: string, path: string): string => {
  if (LONE_SURROGATE.test(s)) throw new NotCanonicalJson(path, "string contains a lone surrogate")
  // ES2019+ JSON.stringify escapes exactly as RFC 8785 §3.2.2.2 prescribes.
  return JSON.stringify(s)
}

const serialize = (value: unknown, path: string): string => {
  if (value === null) return "null"
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false"
    case "number":
      if (!Number.isFinite(value)) throw new NotCanonicalJson(path, "number is not finite")
      // ES Number.prototype.toString is the RFC 8785 number format; -0 becomes "0".
      return Object.is(value, -0) ? "0" : String(value)
    case "string":
      return serializeString(value, path)
    case "object": {
      if (Array.isArray(value)) {
        return `[${value.map((v, i) => serialize(v, `${path}[${i}]`)).join(",")}]`
      }
      const proto = Object.getPrototypeOf(value) as unknown
      if (proto !== Object.prototype && proto !== null) {
        throw new NotCanonicalJson(path, "only plain objects are JSON")
      }
      const record = value as Record<string, unknown>
      // Default sort compares UTF-16 code units, which is what RFC 8785 §3.2.3 requires.
      const keys = Object.keys(record).sort()
      const members: Array<string> = []
      for (const key of keys) {
        const member = record[key]
        if (member === undefined) throw new NotCanonicalJson(`${path}.${key}`, "undefined is not JSON")
        members.push(`${serializeString(key, path)}:${serialize(member, `${path}.${key}`)}`)
      }
      return `{${members.join(",")}}`
    }
    default:
      throw new NotCanonicalJson(path, `${typeof value} is not JSON`)
  }
}

/**
 * The RFC 8785 canonical JSON text of `value`; throws {@link NotCanonicalJson} naming the path.
 * @category constructors
 */
export const canonicalize = (value: unknown, path = "$"): string => serialize(value, path)
