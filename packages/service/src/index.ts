/**
 * @ledger/service — the application service shared by the API and the CLI: validated, atomic
 * appends and imports; replays as of any point; publication.
 *
 * @module
 */
export { BatchRejected, UnknownDepartmentYear } from "./errors.ts"
export type { BatchIssue } from "./errors.ts"
export { bodyOf, derivedEventId, toLogged, toNewEvent, toWire } from "./events.ts"
export type { ActorChoice } from "./events.ts"
export { makeLedgerService } from "./ledger-service.ts"
export { readYears, replayStored } from "./replay.ts"
export type { ReadError, Replay, ReplayError, ReplayOptions, ReplaySetup, StoredYears } from "./replay.ts"
export type { DepartmentYear, ImportResult, LedgerServiceShape } from "./ledger-service.ts"
export type { AppendInput } from "./append.ts"
export { KeyRing, LedgerService } from "./services.ts"
export { dateOf, today } from "./today.ts"
export { parseNdjson } from "./ndjson.ts"
export { checkSeal } from "./seal.ts"
export type { NdjsonLine } from "./ndjson.ts"
export {
  CreatedKey,
  createKey,
  hashToken,
  InvalidKeySpec,
  KEYS_STREAM,
  KeyInfo,
  KeySpec,
  listKeys,
  makeKeyRing,
  revokeKey,
  Role,
} from "./keys.ts"
export type { KeyRingShape, Principal } from "./keys.ts"
export { DEMO_ACTOR, DEMO_LABEL, ensureDemoKeys, isDemoKey } from "./demo-keys.ts"
export type { DemoKeys, DemoKeysOutcome } from "./demo-keys.ts"
export { importLines } from "./import-stream.ts"
export type { ImportLinesOptions, ImportProgress, TransactionalStore } from "./import-stream.ts"
export { PublishRefused, publishLog } from "./publication.ts"
export type { BlockingFinding, PublishOptions, Seal } from "./publication.ts"
export type { DryRunOptions, DryRunResult, DryRunStream } from "./dry-run.ts"
