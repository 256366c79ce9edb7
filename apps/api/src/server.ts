/**
 * Starting the API for real: open the store (embedded PGlite folder, or PostgreSQL with a URL),
 * load the reference fixture into an empty store, show demo keys when asked for, and serve the app
 * with `@hono/node-server`. `main.ts`, the end-to-end test and `bench/api.ts` all start here.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { join, resolve } from "node:path"
import { serve } from "@hono/node-server"
import type { AddressInfo } from "node:net"
import { Envelope } from "@ledger/domain"
import type { EventStoreShape } from "@ledger/eventstore"
import { makeLedgerService } from "@ledger/service"
import {
  makePgEventStore,
  makePgliteEventStore,
  makePgReplicatedEventStore,
  type ReplicaStatus,
  type ReplicatedEventStore,
} from "@ledger/store-postgres"
import { Effect } from "effect"
import type { Hono } from "hono"
import { makeApp } from "./app.ts"
import { seedIfEmpty } from "./seed.ts"
import { makeReplayPool } from "./replay-pool.ts"
import type { ApiConfig } from "./config.ts"
import { ensureDemoKeys, makeKeyRing } from "@ledger/service"
import type { DemoKeys, DemoKeysOutcome, KeyRing } from "@ledger/service"

/** A running server. @category models */
export interface RunningApi {
  readonly url: string
  readonly port: number
  /** Demo keys to print: only when asked for, never beside real keys (see `ensureDemoKeys`). */
  readonly demoKeys: DemoKeys
  /** Why some roles have no demo key. */
  readonly demoNotes: ReadonlyArray<string>
  /** Events imported from the fixture at start (0 when the store was not empty). */
  readonly imported: number
  readonly store: EventStoreShape
  readonly close: () => Promise<void>
}

/** Opens the configured store: reads go to the replicas when `LEDGER_READ_DATABASE_URL` names any. @category constructors */
export const openStore = (config: ApiConfig): Promise<EventStoreShape | ReplicatedEventStore> => {
  if (config.databaseUrl !== undefined && config.readDatabaseUrls.length > 0)
    return Effect.runPromise(
      makePgReplicatedEventStore({
        connectionString: config.databaseUrl,
        readConnectionStrings: config.readDatabaseUrls,
        waitMs: config.replicaWaitMs,
      }),
    )
  if (config.databaseUrl !== undefined)
    return Effect.runPromise(makePgEventStore({ connectionString: config.databaseUrl }))
  mkdirSync(config.storeDir, { recursive: true })
  return Effect.runPromise(makePgliteEventStore({ dataDir: resolve(config.storeDir) }))
}

/**
 * Probes the replicas every two seconds in the background, so `/v1/health` reports their replayed
 * position and lag without ever waiting for a replica that is slow or down.
 */
const watchReplicas = (store: ReplicatedEventStore) => {
  let last: ReadonlyArray<ReplicaStatus> = []
  let probing = false
  const probe = () => {
    if (probing) return
    probing = true
    void Effect.runPromise(store.replicaStatus())
      .then((s) => (last = s))
      .finally(() => (probing = false))
  }
  probe()
  const timer = setInterval(probe, 2_000)
  timer.unref()
  return { last: () => last, stop: () => clearInterval(timer) }
}

/**
 * Demo keys, when asked for (see `ensureDemoKeys`), survive restarts in `<storeDir>/demo-keys.json`
 * (secrets are stored hashed in the log, so they could not be shown again otherwise).
 */
const demoKeysAtStart = async (
  store: EventStoreShape,
  keys: KeyRing,
  config: ApiConfig,
): Promise<DemoKeysOutcome> => {
  const file = join(config.storeDir, "demo-keys.json")
  let saved: DemoKeys = {}
  try {
    saved = JSON.parse(readFileSync(file, "utf8")) as DemoKeys
  } catch {
    saved = {}
  }
  const departments = (await Effect.runPromise(store.listStreams())).flatMap(
    (s) => Envelope.parseStreamId(s.streamId)?.department ?? [],
  )
  const outcome = await Effect.runPromise(
    ensureDemoKeys(store, {
      asked: config.demoKeys,
      embedded: config.databaseUrl === undefined,
      saved,
      departments,
    }),
  )
  keys.invalidate()
  if (Object.keys(outcome.keys).length > 0 || Object.keys(saved).length > 0) {
    mkdirSync(config.storeDir, { recursive: true })
    writeFileSync(file, JSON.stringify(outcome.keys, null, 2) + "\n", { mode: 0o600 })
  }
  return outcome
}

/** Starts the API; `port: 0` picks a free port. @category constructors */
export const startApi = async (
  config: ApiConfig,
  options: { readonly admin?: Hono; readonly seed?: boolean } = {},
): Promise<RunningApi> => {
  const store = await openStore(config)
  const imported = options.seed === false ? 0 : await seedIfEmpty(store, config.fixture)
  const keys = makeKeyRing(store)
  const demo = await demoKeysAtStart(store, keys, config)
  const replicas = "replicaStatus" in store ? watchReplicas(store) : undefined
  const pool =
    config.replayWorkers > 0
      ? makeReplayPool(store, { size: config.replayWorkers, timeoutMs: config.replayTimeoutMs })
      : undefined
  pool?.warm()
  const app = makeApp({
    store,
    keys,
    service: makeLedgerService(store),
    maxBodyBytes: config.maxBodyBytes,
    ...(config.anchorKey !== undefined ? { anchorKey: config.anchorKey } : {}),
    ...(pool !== undefined ? { replayPool: pool } : {}),
    ...(options.admin !== undefined ? { admin: options.admin } : {}),
    ...(replicas !== undefined ? { replicaStatus: replicas.last } : {}),
  })
  const server = await new Promise<ReturnType<typeof serve>>((ready) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => ready(s))
  })
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://${config.host}:${port}`,
    port,
    demoKeys: demo.keys,
    demoNotes: demo.notes,
    imported,
    store,
    close: async () => {
      replicas?.stop()
      await pool?.close()
      await new Promise<void>((done) => server.close(() => done()))
      await Effect.runPromise(store.close())
    },
  }
}
