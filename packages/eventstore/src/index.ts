/**
 * @ledger/eventstore — the EventStore port (an Effect service), its event envelope schemas and
 * typed errors, RFC 8785 canonical JSON and the hash chain, and the in-memory store.
 * Backends and the contract suite every backend must pass live in `@ledger/eventstore/testing`.
 */
export { Anchor, checkAnchor, makeAnchor } from "./anchor.ts"
export type { AnchorMismatch } from "./anchor.ts"
export { canonicalize, NotCanonicalJson } from "./canonical-json.ts"
export {
  describeExpected,
  IdempotencyConflict,
  InvalidEvent,
  LedgerIntegrity,
  SchemaTooNew,
  StoreUnavailable,
  StreamVersionConflict,
} from "./errors.ts"
export type { AppendError } from "./errors.ts"
export {
  AppendOptions,
  AppendRequest,
  AppendResult,
  Expected,
  ExpectedVersion,
  ISO_DATE_OR_INSTANT,
  IsoDateOrInstant,
  NewEvent,
  occurredAtKey,
  StoredEvent,
  StreamAppendResult,
} from "./event.ts"
export type {
  Consistency,
  ReadAllOptions,
  ReadStreamOptions,
  StreamHead,
  VerifyFailureReason,
  VerifyResult,
} from "./event.ts"
export { EventStore } from "./event-store.ts"
export type { EventStoreShape } from "./event-store.ts"
export { chainCanonical, GENESIS_HASH, sha256Hex } from "./hash.ts"
export { layerMemory, makeMemoryEventStore } from "./memory-store.ts"
export type { MemoryEventStore, MemoryState } from "./memory-store.ts"
export { DATABASE_CLOCK_PLACEHOLDER, prepareAppend, prepareEvent } from "./prepare.ts"
export type { PreparedAppend, PreparedEvent, PreparedStream } from "./prepare.ts"
export { decodeStoredRow } from "./stored-row.ts"
export type { StoredRow } from "./stored-row.ts"
export { firstFailure, makeChainVerifier, verifyStreamChain } from "./verify-chain.ts"
export type { ChainFailure, ChainVerifier, RecordedHead } from "./verify-chain.ts"
export { verifyRead } from "./verify-read.ts"
