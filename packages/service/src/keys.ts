/**
 * API keys, kept as events in the system stream `_system/keys` of the same EventStore as the
 * budget streams: keys then work on every backend, are covered by the hash chain and `verify`, and
 * every creation and revocation is auditable with its actor. Only the sha256 of a key is stored;
 * the secret is returned once, at creation.
 */
import { createHash, randomBytes } from "node:crypto"
import type {
  AppendError,
  EventStoreShape,
  LedgerIntegrity,
  StoredEvent,
  StoreUnavailable,
} from "@ledger/eventstore"
import { Expected } from "@ledger/eventstore"
import { Clock, Effect, Result, Schema } from "effect"

/** The stream that holds key events. Not a budget stream: it never parses as a department-year. */
export const KEYS_STREAM = "_system/keys"

/** What a key may do. @category models */
export const Role = Schema.Literals(["writer", "auditor", "admin"])
/** @category models */
export type Role = typeof Role.Type

const Department = Schema.String.check(
  Schema.isPattern(/^[0-9A-Za-z]{1,12}$/, { message: "must be a department code of 1–12 letters or digits" }),
)

/** A request to create a key; a writer needs at least one department. @category models */
export const KeySpec = Schema.Struct({
  role: Role,
  departments: Schema.optionalKey(Schema.Array(Department).check(Schema.isMaxLength(1000))),
  label: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(200))),
}).annotate({ identifier: "KeySpec" })
/** @category models */
export type KeySpec = typeof KeySpec.Type

/** A key as listed (never with its secret). @category models */
export const KeyInfo = Schema.Struct({
  keyId: Schema.String,
  role: Role,
  departments: Schema.Array(Schema.String),
  label: Schema.optional(Schema.String),
  createdAt: Schema.String,
  createdBy: Schema.String,
  revoked: Schema.Boolean,
}).annotate({ identifier: "KeyInfo" })
/** @category models */
export type KeyInfo = typeof KeyInfo.Type

/** A newly created key: `secret` is the bearer token, shown this once. @category models */
export const CreatedKey = Schema.Struct({ ...KeyInfo.fields, secret: Schema.String }).annotate({
  identifier: "CreatedKey",
})
/** @category models */
export type CreatedKey = typeof CreatedKey.Type

/** The authenticated caller of a request. `actor` is what events record as who appended them. @category models */
export interface Principal {
  readonly keyId: string
  readonly role: Role
  readonly departments: ReadonlyArray<string>
  readonly actor: string
}

const KeyCreatedData = Schema.Struct({
  keyId: Schema.String,
  hash: Schema.String,
  role: Role,
  departments: Schema.Array(Schema.String),
  label: Schema.optional(Schema.String),
})
const KeyRevokedData = Schema.Struct({ keyId: Schema.String })

/** sha256 of a bearer token: what is stored and compared. */
export const hashToken = (token: string): string => createHash("sha256").update(token, "utf8").digest("hex")

/** A spec that is not a valid key (a writer without departments, departments on an auditor). @category errors */
export class InvalidKeySpec extends Error {
  override readonly name = "InvalidKeySpec"
}

const checkSpec = (spec: KeySpec): ReadonlyArray<string> => {
  const departments = [...new Set(spec.departments ?? [])].sort()
  if (spec.role === "writer" && departments.length === 0) {
    throw new InvalidKeySpec("departments: a writer key needs at least one department")
  }
  if (spec.role !== "writer" && departments.length > 0) {
    throw new InvalidKeySpec(`departments: only writer keys are scoped to departments, not ${spec.role} keys`)
  }
  return departments
}

/**
 * Creates a key by appending `ApiKeyCreated` to `_system/keys`; returns the secret once. This is
 * what `pnpm ledger keys create --role … [--department …]` calls. Throws {@link InvalidKeySpec}
 * (synchronously, before any write) for an invalid role/department combination.
 * @category constructors
 */
export const createKey = (
  store: EventStoreShape,
  spec: KeySpec,
  actor = "system",
): Effect.Effect<CreatedKey, AppendError> => {
  const departments = checkSpec(spec)
  const keyId = randomBytes(6).toString("hex")
  const secret = `blk_${keyId}_${randomBytes(24).toString("base64url")}`
  const data = {
    keyId,
    hash: hashToken(secret),
    role: spec.role,
    departments,
    ...(spec.label ? { label: spec.label } : {}),
  }
  return Effect.gen(function* () {
    const createdAt = new Date(yield* Clock.currentTimeMillis).toISOString()
    yield* store.append(
      {
        streamId: KEYS_STREAM,
        expectedVersion: Expected.any,
        events: [
          {
            eventId: `key-${keyId}`,
            type: "ApiKeyCreated",
            schemaVersion: 1,
            occurredAt: createdAt,
            actor,
            idempotencyKey: `create/${keyId}`,
            data,
          },
        ],
      },
      { idempotencyKey: `keys/create/${keyId}` },
    )
    return {
      keyId,
      role: spec.role,
      departments,
      ...(spec.label ? { label: spec.label } : {}),
      createdAt,
      createdBy: actor,
      revoked: false,
      secret,
    }
  })
}

/**
 * Revokes a key by appending `ApiKeyRevoked`; false when no such key exists (nothing written).
 * @category constructors
 */
export const revokeKey = (
  store: EventStoreShape,
  keyId: string,
  actor = "system",
): Effect.Effect<boolean, AppendError | LedgerIntegrity> =>
  Effect.gen(function* () {
    const keys = yield* listKeys(store)
    const key = keys.find((k) => k.keyId === keyId)
    if (key === undefined) return false
    if (key.revoked) return true
    const at = new Date(yield* Clock.currentTimeMillis).toISOString()
    yield* store.append(
      {
        streamId: KEYS_STREAM,
        expectedVersion: Expected.any,
        events: [
          {
            eventId: `revoke-${keyId}`,
            type: "ApiKeyRevoked",
            schemaVersion: 1,
            occurredAt: at,
            actor,
            idempotencyKey: `revoke/${keyId}`,
            data: { keyId },
          },
        ],
      },
      { idempotencyKey: `keys/revoke/${keyId}` },
    )
    return true
  })

interface KeyRecord {
  readonly info: KeyInfo
  readonly hash: string
}

/** Folds key events into records; unknown or undecodable events are ignored (the chain still covers them). */
const applyKeyEvent = (records: Map<string, KeyRecord>, e: StoredEvent): void => {
  if (e.type === "ApiKeyCreated") {
    const d = Schema.decodeUnknownResult(KeyCreatedData)(e.data)
    if (Result.isFailure(d)) return
    const { keyId, hash, role, departments, label } = d.success
    records.set(keyId, {
      hash,
      info: {
        keyId,
        role,
        departments,
        ...(label !== undefined ? { label } : {}),
        createdAt: e.occurredAt,
        createdBy: e.actor,
        revoked: false,
      },
    })
  } else if (e.type === "ApiKeyRevoked") {
    const d = Schema.decodeUnknownResult(KeyRevokedData)(e.data)
    const r = Result.isSuccess(d) ? records.get(d.success.keyId) : undefined
    if (r) records.set(r.info.keyId, { ...r, info: { ...r.info, revoked: true } })
  }
}

/** Every key ever created, revoked ones included, in creation order. @category constructors */
export const listKeys = (
  store: EventStoreShape,
): Effect.Effect<ReadonlyArray<KeyInfo>, StoreUnavailable | LedgerIntegrity> =>
  Effect.map(store.readStream(KEYS_STREAM), (events) => {
    const records = new Map<string, KeyRecord>()
    for (const e of events) applyKeyEvent(records, e)
    return [...records.values()].map((r) => r.info)
  })

/** Authenticates bearer tokens against a cache of `_system/keys`, refreshed incrementally. @category services */
export interface KeyRingShape {
  readonly authenticate: (
    token: string,
  ) => Effect.Effect<Principal | undefined, StoreUnavailable | LedgerIntegrity>
  /** Forces a refresh on the next request (after this process created or revoked a key). */
  readonly invalidate: () => void
}

/**
 * A key ring over a store. The cache is refreshed from the stream when it is older than
 * `refreshMs` or on an unknown key (at most every `missRefreshMs`), so a key created or revoked by
 * another process (the CLI on PostgreSQL) takes effect within a few seconds.
 * @category constructors
 */
export const makeKeyRing = (
  store: EventStoreShape,
  options: { readonly refreshMs?: number; readonly missRefreshMs?: number } = {},
): KeyRingShape => {
  const refreshMs = options.refreshMs ?? 5_000
  const missRefreshMs = options.missRefreshMs ?? 250
  const records = new Map<string, KeyRecord>()
  const byHash = new Map<string, KeyRecord>()
  let version = 0
  let syncedAt = Number.NEGATIVE_INFINITY

  const sync = (at: number) =>
    Effect.map(store.readStream(KEYS_STREAM, { fromVersion: version + 1 }), (events) => {
      for (const e of events) {
        applyKeyEvent(records, e)
        version = Math.max(version, e.version)
      }
      byHash.clear()
      for (const r of records.values()) byHash.set(r.hash, r)
      syncedAt = at
    })

  const principalOf = (r: KeyRecord | undefined): Principal | undefined =>
    r === undefined || r.info.revoked
      ? undefined
      : {
          keyId: r.info.keyId,
          role: r.info.role,
          departments: r.info.departments,
          actor: `key:${r.info.keyId}${r.info.label ? `(${r.info.label})` : ""}`,
        }

  return {
    authenticate: (token) =>
      Effect.gen(function* () {
        const hash = hashToken(token)
        const now = yield* Clock.currentTimeMillis
        const age = now - syncedAt
        if (age > refreshMs || (!byHash.has(hash) && age > missRefreshMs)) yield* sync(now)
        return principalOf(byHash.get(hash))
      }),
    invalidate: () => {
      syncedAt = Number.NEGATIVE_INFINITY
    },
  }
}
