/**
 * External anchors: a timestamped digest of every stream head, signed with HMAC-SHA256 when a key
 * is configured, to be kept outside the database. A chain rewritten from the start (every hash
 * recomputed, heads updated) still verifies on its own; against an anchor it does not, because the
 * event at an anchored version no longer has the anchored hash — and a cut tail leaves an anchored
 * version missing.
 */
import { createHmac, timingSafeEqual } from "node:crypto"
import { Effect, Schema } from "effect"
import { canonicalize } from "./canonical-json.ts"
import type { LedgerIntegrity, StoreUnavailable } from "./errors.ts"
import type { StreamHead } from "./event.ts"
import type { EventStoreShape } from "./event-store.ts"
import { sha256Hex } from "./hash.ts"

/** The anchor file, `budget-ledger-anchor/v1`. @category models */
export const Anchor = Schema.Struct({
  format: Schema.Literal("budget-ledger-anchor/v1"),
  createdAt: Schema.String,
  heads: Schema.Array(
    Schema.Struct({
      streamId: Schema.String,
      version: Schema.Int,
      position: Schema.Int,
      hash: Schema.String,
    }),
  ),
  /** SHA-256 of the canonical JSON of `{ format, createdAt, heads }`. */
  digest: Schema.String,
  /** HMAC-SHA256 of `digest` under the configured key, when there is one. */
  signature: Schema.optional(Schema.Struct({ alg: Schema.Literal("HMAC-SHA256"), value: Schema.String })),
})
/** @category models */
export type Anchor = typeof Anchor.Type

/** Why a store disagrees with an anchor. @category models */
export interface AnchorMismatch {
  readonly streamId: string
  readonly version: number
  readonly reason: "anchor-tampered" | "bad-signature" | "stream-missing" | "tail-cut" | "chain-rewritten"
  readonly detail: string
}

const digestOf = (a: Pick<Anchor, "format" | "createdAt" | "heads">): string =>
  sha256Hex(canonicalize({ format: a.format, createdAt: a.createdAt, heads: a.heads }))

const hmac = (key: string, digest: string): string => createHmac("sha256", key).update(digest).digest("hex")

/**
 * The anchor of `heads` at `createdAt` (an ISO instant from the caller's clock), signed when `key` is given.
 * @category constructors
 */
export const makeAnchor = (heads: ReadonlyArray<StreamHead>, createdAt: string, key?: string): Anchor => {
  const body = {
    format: "budget-ledger-anchor/v1" as const,
    createdAt,
    heads: heads.map((h) => ({
      streamId: h.streamId,
      version: h.version,
      position: h.position,
      hash: h.hash,
    })),
  }
  const digest = digestOf(body)
  return key === undefined || key === ""
    ? { ...body, digest }
    : { ...body, digest, signature: { alg: "HMAC-SHA256", value: hmac(key, digest) } }
}

/** The anchor's own integrity: its digest, and its signature when a key is given. */
const checkSelf = (anchor: Anchor, key: string | undefined): AnchorMismatch | undefined => {
  if (digestOf(anchor) !== anchor.digest)
    return {
      streamId: "",
      version: 0,
      reason: "anchor-tampered",
      detail: "the anchor's digest does not match its heads",
    }
  if (key === undefined || key === "") return undefined
  const expected = Buffer.from(hmac(key, anchor.digest), "hex")
  const given = Buffer.from(anchor.signature?.value ?? "", "hex")
  return given.length === expected.length && timingSafeEqual(given, expected)
    ? undefined
    : {
        streamId: "",
        version: 0,
        reason: "bad-signature",
        detail: "the anchor is not signed with the configured key",
      }
}

/**
 * Checks a store against an anchor: every anchored stream must still hold, at the anchored
 * version, the event with the anchored hash. Run it with `verify` (which checks each chain from
 * that event on to its head). Succeeds with the first mismatch, or undefined when the store agrees.
 * @category constructors
 */
export const checkAnchor = (
  store: EventStoreShape,
  anchor: Anchor,
  key?: string,
): Effect.Effect<AnchorMismatch | undefined, StoreUnavailable | LedgerIntegrity> =>
  Effect.gen(function* () {
    const self = checkSelf(anchor, key)
    if (self !== undefined) return self
    for (const h of anchor.heads) {
      const head = yield* store.head(h.streamId)
      if (head === undefined)
        return {
          streamId: h.streamId,
          version: h.version,
          reason: "stream-missing",
          detail: "the anchored stream is gone",
        }
      if (head.version < h.version)
        return {
          streamId: h.streamId,
          version: h.version,
          reason: "tail-cut",
          detail: `the anchor recorded version ${h.version}, the stream now ends at ${head.version}`,
        }
      const [event] = yield* store.readStream(h.streamId, { fromVersion: h.version })
      if (event === undefined || event.version !== h.version || event.hash !== h.hash)
        return {
          streamId: h.streamId,
          version: h.version,
          reason: "chain-rewritten",
          detail: `version ${h.version} was anchored with hash ${h.hash}, the store holds ${event?.hash ?? "none"}`,
        }
    }
    return undefined
  })
