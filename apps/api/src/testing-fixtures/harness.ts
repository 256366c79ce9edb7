/**
 * The test harness: the real app on a fresh in-memory store with the reference fixture imported
 * through the real service, and one key of every role. Every unit test of the API starts here.
 */
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { makeMemoryEventStore } from "@ledger/eventstore"
import type { EventStoreShape, MemoryEventStore } from "@ledger/eventstore"
import { makeLedgerService } from "@ledger/service"
import type { LedgerServiceShape } from "@ledger/service"
import { Effect } from "effect"
import type { Hono } from "hono"
import { makeApp } from "../app.ts"
import type { ApiEnv } from "../auth.ts"
import type { ApiDeps } from "../deps.ts"
import { createKey, makeKeyRing } from "@ledger/service"
import { referenceKnownDefectsPath } from "@ledger/projections/testing"
import { knownDefectsOf } from "../config.ts"

/** The reference fixture as NDJSON text. */
export const FIXTURE_TEXT = readFileSync(
  fileURLToPath(new URL("../../../../fixtures/tunliu-government-office/events.ndjson", import.meta.url)),
  "utf8",
)

/** The fixture's events as JSON values, in file order. */
export const fixtureEvents = (): Array<Record<string, unknown>> =>
  FIXTURE_TEXT.split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>)

/** Bearer tokens of every role: a writer of 002, a writer of another department, an auditor, an admin. */
export interface TestKeys {
  readonly writer: string
  readonly otherWriter: string
  readonly auditor: string
  readonly admin: string
}

/** What a test works with. */
export interface Harness {
  readonly app: Hono<ApiEnv>
  readonly store: EventStoreShape
  readonly service: LedgerServiceShape
  readonly keys: TestKeys
  readonly call: (
    path: string,
    init?: RequestInit & { readonly key?: string },
  ) => Response | Promise<Response>
  readonly memory: MemoryEventStore
}

/** Builds the app; `fixture: false` leaves the store empty. */
export const makeHarness = async (
  options: {
    readonly fixture?: boolean
    readonly maxBodyBytes?: number
    readonly store?: EventStoreShape
    readonly admission?: ApiDeps["admission"]
    readonly replayPool?: ApiDeps["replayPool"]
    readonly headTtlMs?: number
    /** The known-defect registry file (`LEDGER_KNOWN_DEFECTS`); default the reference's, `false`: none. */
    readonly knownDefects?: string | false
  } = {},
): Promise<Harness> => {
  const store: EventStoreShape = options.store ?? makeMemoryEventStore()
  const service: LedgerServiceShape = makeLedgerService(store)
  if (options.fixture !== false) {
    await Effect.runPromise(
      service.importNdjson(FIXTURE_TEXT, { idempotencyKey: "fixture", actor: "fixture-import" }),
    )
  }
  const secret = (role: "writer" | "auditor" | "admin", departments?: Array<string>) =>
    Effect.runPromise(
      Effect.map(createKey(store, departments ? { role, departments } : { role }, "test"), (k) => k.secret),
    )
  const keys: TestKeys = {
    writer: await secret("writer", ["002"]),
    otherWriter: await secret("writer", ["999"]),
    auditor: await secret("auditor"),
    admin: await secret("admin"),
  }
  const deps: ApiDeps = {
    store,
    service,
    keys: makeKeyRing(store),
    now: () => new Date("2026-09-01T00:00:00Z"),
    log: () => undefined,
    ...(options.maxBodyBytes !== undefined ? { maxBodyBytes: options.maxBodyBytes } : {}),
    ...(options.admission !== undefined ? { admission: options.admission } : {}),
    ...(options.replayPool !== undefined ? { replayPool: options.replayPool } : {}),
    ...(options.headTtlMs !== undefined ? { headTtlMs: options.headTtlMs } : {}),
    // The reference department is served as its deployment would be: with its registry of the
    // §5.2 defects its published document acknowledges.
    ...(options.knownDefects === false
      ? {}
      : {
          knownDefects: knownDefectsOf({ knownDefects: options.knownDefects ?? referenceKnownDefectsPath }),
        }),
  }
  const app = makeApp(deps)
  /** Sends a request with a bearer token. */
  const call = (path: string, init: RequestInit & { readonly key?: string } = {}) => {
    const headers = new Headers(init.headers)
    if (init.key !== undefined) headers.set("authorization", `Bearer ${init.key}`)
    return app.request(path, { ...init, headers })
  }
  return { app, store, service, keys, call, memory: store as MemoryEventStore }
}
