/**
 * Starting the API for real: build the process's one runtime from its layers (the store the
 * configuration chooses — embedded PGlite folder, PostgreSQL, or PostgreSQL with read replicas —
 * and `LedgerService` and `KeyRing` over it), load the reference fixture into an empty store, show
 * demo keys when asked for, and serve the app with `@hono/node-server`. The runtime owns the scope
 * the store lives in: a start that fails disposes it (closing the store and its folder lock), and
 * `close()` disposes it after the server stops. `main.ts` and the end-to-end tests start here.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { join, resolve } from "node:path"
import { serve } from "@hono/node-server"
import type { AddressInfo } from "node:net"
import { Envelope } from "@ledger/domain"
import {
  EventStore,
  type EventStoreShape,
  type SchemaTooNew,
  type StoreUnavailable,
} from "@ledger/eventstore"
import { ensureDemoKeys, KeyRing, LedgerService } from "@ledger/service"
import type { DemoKeys, DemoKeysOutcome, KeyRingShape } from "@ledger/service"
import {
  layerPg,
  layerPglite,
  makePgReplicatedEventStore,
  type ReplicaStatus,
  type ReplicatedEventStore,
} from "@ledger/store-postgres"
import { Effect, Layer, ManagedRuntime } from "effect"
import type { Hono } from "hono"
import { makeApp } from "./app.ts"
import { seedIfEmpty } from "./seed.ts"
import { collectStartGarbage } from "./start-garbage.ts"
import { makeReplayPool, type ReplayPool } from "./replay-pool.ts"
import { type ApiConfig, knownDefectsOf } from "./config.ts"

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

/** The store the configuration chooses; it closes with the runtime's scope. */
const storeLayer = (config: ApiConfig): Layer.Layer<EventStore, StoreUnavailable | SchemaTooNew> => {
  if (config.databaseUrl !== undefined && config.readDatabaseUrls.length > 0)
    return Layer.effect(
      EventStore,
      Effect.acquireRelease(
        makePgReplicatedEventStore({
          connectionString: config.databaseUrl,
          readConnectionStrings: config.readDatabaseUrls,
          waitMs: config.replicaWaitMs,
        }),
        (store) => store.close(),
      ),
    )
  if (config.databaseUrl !== undefined) return layerPg({ connectionString: config.databaseUrl })
  // PGlite in a worker thread: the database's work overlaps HTTP and the service's on the second core.
  return layerPglite({ dataDir: resolve(config.storeDir), thread: true })
}

/** The process's services: the configured store, and the ledger service and key ring over it. */
const apiLayer = (config: ApiConfig) =>
  Layer.provideMerge(Layer.mergeAll(LedgerService.layer, KeyRing.layer), storeLayer(config))

const isReplicated = (store: EventStoreShape): store is ReplicatedEventStore => "replicaStatus" in store

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
  keys: KeyRingShape,
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
  const knownDefects = knownDefectsOf(config)
  const runtime = ManagedRuntime.make(apiLayer(config))
  let replicas: ReturnType<typeof watchReplicas> | undefined
  let pool: ReplayPool | undefined
  try {
    const { store, service, keys } = await runtime.runPromise(
      Effect.gen(function* () {
        return { store: yield* EventStore, service: yield* LedgerService, keys: yield* KeyRing }
      }),
    )
    const imported = options.seed === false ? 0 : await seedIfEmpty(store, config.fixture)
    const demo = await demoKeysAtStart(store, keys, config)
    await collectStartGarbage()
    replicas = isReplicated(store) ? watchReplicas(store) : undefined
    pool =
      config.replayWorkers > 0
        ? makeReplayPool(store, {
            size: config.replayWorkers,
            timeoutMs: config.replayTimeoutMs,
            // Workers read PostgreSQL themselves, unless reads go through replicas (kept in this thread).
            databaseUrl: config.readDatabaseUrls.length === 0 ? config.databaseUrl : undefined,
          })
        : undefined
    const app = makeApp({
      store,
      keys,
      service,
      maxBodyBytes: config.maxBodyBytes,
      headTtlMs: config.headTtlMs,
      knownDefects,
      ...(config.anchorKey !== undefined ? { anchorKey: config.anchorKey } : {}),
      ...(pool !== undefined ? { replayPool: pool } : {}),
      ...(options.admin !== undefined ? { admin: options.admin } : {}),
      ...(replicas !== undefined ? { replicaStatus: replicas.last } : {}),
    })
    const server = await new Promise<ReturnType<typeof serve>>((ready, fail) => {
      const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => ready(s))
      s.once("error", fail)
    })
    const port = (server.address() as AddressInfo).port
    const [watching, workers] = [replicas, pool]
    return {
      url: `http://${config.host}:${port}`,
      port,
      demoKeys: demo.keys,
      demoNotes: demo.notes,
      imported,
      store,
      close: async () => {
        watching?.stop()
        // Requests in flight finish first; only then do the replay workers stop.
        await new Promise<void>((done) => server.close(() => done()))
        await workers?.close()
        await runtime.dispose()
      },
    }
  } catch (error) {
    replicas?.stop()
    await pool?.close()
    await runtime.dispose()
    throw error
  }
}
