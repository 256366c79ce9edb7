/**
 * @ledger/eventstore/testing — the contract suite every EventStore backend runs, and its fixtures.
 * Test-only: production code must not import this subpath.
 */
export { runEventStoreContract } from "./contract.ts"
export type { ContractOptions } from "./contract.ts"
export { event, events, freshKey, freshStream, request, run, runError, runId } from "./fixtures.ts"
