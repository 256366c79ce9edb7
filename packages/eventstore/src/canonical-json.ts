/**
 * RFC 8785 (JSON Canonicalization Scheme) serialisation. The event store hashes these exact
 * bytes, so two parties that agree on a JSON value always agree on its hash — unlike hashing
 * `JSON.stringify` output, whose key order depends on how the object was built.
 *
 * There is one implementation in the workspace, `@ledger/domain`'s `CanonicalJson`; the store
 * uses its strict form, in which an `undefined` member is an error rather than left out, so what
 * is hashed is exactly what a later `JSON.parse` of the stored text gives back.
 */
import { CanonicalJson } from "@ledger/domain"

/**
 * Raised when a value has no JSON form (non-finite number, `undefined`, a function, a bigint,
 * a lone surrogate, a non-plain object). `path` names the offending member, e.g. `data.lines[2].amount`.
 * @category errors
 */
export const NotCanonicalJson = CanonicalJson.NotCanonicalJson
/** @category errors */
export type NotCanonicalJson = CanonicalJson.NotCanonicalJson

/**
 * The RFC 8785 canonical JSON text of `value`; throws {@link NotCanonicalJson} naming the path.
 * @category constructors
 */
export const canonicalize = (value: unknown, path = "$"): string =>
  CanonicalJson.canonicalizeStrict(value, path)
