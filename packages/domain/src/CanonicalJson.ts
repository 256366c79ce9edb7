/**
 * Canonical JSON (RFC 8785, JCS) and SHA-256. Hashes are taken over these exact bytes — never over a
 * re-serialisation — so the event chain and every document hash are reproducible byte for byte.
 *
 * @module CanonicalJson
 */
import { createHash } from "node:crypto"

/**
 * Serialises a JSON value canonically: object keys sorted by UTF-16 code units, no whitespace,
 * primitives as ECMAScript's JSON.stringify writes them. Throws on values JSON cannot represent
 * (non-finite numbers, undefined in arrays, functions, bigint): those are bugs, not input.
 * @category encoding
 */
export const canonicalize = (value: unknown): string => {
  if (value === null) return "null"
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false"
    case "string":
      return JSON.stringify(value)
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`canonical JSON cannot hold ${String(value)}`)
      return JSON.stringify(value)
    case "object": {
      if (Array.isArray(value)) return "[" + value.map((v) => canonicalize(v)).join(",") + "]"
      const obj = value as Record<string, unknown>
      const keys = Object.keys(obj)
        .filter((k) => obj[k] !== undefined)
        .sort()
      return "{" + keys.map((k) => JSON.stringify(k) + ":" + canonicalize(obj[k])).join(",") + "}"
    }
    default:
      throw new TypeError(`canonical JSON cannot hold a ${typeof value}`)
  }
}

/** Hex SHA-256 of a UTF-8 string. @category encoding */
export const sha256Hex = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex")

/** Hex SHA-256 of the canonical form of a value. @category encoding */
export const hashOf = (value: unknown): string => sha256Hex(canonicalize(value))
