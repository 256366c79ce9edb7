/**
 * `LedgerService` and `KeyRing` as Effect services, each with a layer over the `EventStore`
 * service. An entry point composes `store layer → these layers` once into its process runtime
 * (`apps/api/src/runtime.ts`, `apps/cli/src/runtime.ts`); the store closes with that runtime's scope.
 *
 * @module
 */
import { EventStore } from "@ledger/eventstore"
import { Context, Layer } from "effect"
import { type KeyRingShape, makeKeyRing } from "./keys.ts"
import { type LedgerServiceShape, makeLedgerService } from "./ledger-service.ts"

/** The application service (validated appends, imports, the one replay, publication). @category services */
export class LedgerService extends Context.Service<LedgerService, LedgerServiceShape>()(
  "@ledger/service/LedgerService",
) {
  /** The service over the runtime's `EventStore`. @category layers */
  static readonly layer: Layer.Layer<LedgerService, never, EventStore> = Layer.effect(
    LedgerService,
    EventStore.useSync(makeLedgerService),
  )
}

/** Bearer-token authentication over `_system/keys` (one cache per process). @category services */
export class KeyRing extends Context.Service<KeyRing, KeyRingShape>()("@ledger/service/KeyRing") {
  /** The key ring over the runtime's `EventStore`. @category layers */
  static readonly layer: Layer.Layer<KeyRing, never, EventStore> = Layer.effect(
    KeyRing,
    EventStore.useSync((store) => makeKeyRing(store)),
  )
}
