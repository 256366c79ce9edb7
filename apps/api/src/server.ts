/**
 * Starting the API for real: open the store (embedded PGlite folder, or PostgreSQL with a URL),
 * load the reference fixture into an empty store, make sure demo keys exist, and serve the app
 * with `@hono/node-server`. `main.ts`, the end-to-end test and `bench/api.ts` all start here.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { isAbsolute, join, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { serve } from "@hono/node-server"
import type { AddressInfo } from "node:net"
import { Envelope } from "@ledger/domain"
import type { EventStoreShape } from "@ledger/eventstore"
import { makeLedgerService } from "@ledger/service"
import { makePgEventStore, makePgliteEventStore } from "@ledger/store-postgres"
import { Effect } from "effect"
import type { Hono } from "hono"
import { makeApp } from "./app.ts"
import type { ApiConfig } from "./config.ts"
import { createKey, makeKeyRing } from "@ledger/service"
import type { KeyRing, Role } from "@ledger/service"

/** The repository root (fixture paths are relative to it). */
export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url))

/** Demo keys printed at start, one per role. @category models */
export interface DemoKeys {
  readonly writer: string
  readonly auditor: string
  readonly admin: string
}

/** A running server. @category models */
export interface RunningApi {
  readonly url: string
  readonly port: number
  readonly demoKeys: DemoKeys
  /** Events imported from the fixture at start (0 when the store was not empty). */
  readonly imported: number
  readonly store: EventStoreShape
  readonly close: () => Promise<void>
}

/** Opens the configured store. @category constructors */
export const openStore = (config: ApiConfig): Promise<EventStoreShape> => {
  if (config.databaseUrl !== undefined)
    return Effect.runPromise(makePgEventStore({ connectionString: config.databaseUrl }))
  mkdirSync(config.storeDir, { recursive: true })
  return Effect.runPromise(makePgliteEventStore({ dataDir: resolve(config.storeDir) }))
}

/** Imports the fixture when the store has no budget stream yet; returns the number of events written. */
const seedIfEmpty = async (store: EventStoreShape, fixture: string): Promise<number> => {
  const streams = await Effect.runPromise(store.listStreams())
  if (streams.some((s) => Envelope.parseStreamId(s.streamId) !== undefined)) return 0
  const path = isAbsolute(fixture) ? fixture : join(REPO_ROOT, fixture)
  const result = await Effect.runPromise(
    makeLedgerService(store).importNdjson(readFileSync(path, "utf8"), {
      idempotencyKey: `fixture:${fixture}`,
      actor: "fixture-import",
    }),
  )
  return result.appended
}

/**
 * Demo keys survive restarts in `<storeDir>/demo-keys.json` (secrets are stored hashed in the log,
 * so they could not be shown again otherwise); missing or revoked ones are created anew.
 */
const ensureDemoKeys = async (store: EventStoreShape, keys: KeyRing, storeDir: string): Promise<DemoKeys> => {
  const file = join(storeDir, "demo-keys.json")
  let saved: Partial<Record<Role, string>> = {}
  try {
    saved = JSON.parse(readFileSync(file, "utf8")) as Partial<Record<Role, string>>
  } catch {
    saved = {}
  }
  const departments = (await Effect.runPromise(store.listStreams())).flatMap(
    (s) => Envelope.parseStreamId(s.streamId)?.department ?? [],
  )
  const out: Partial<Record<Role, string>> = {}
  for (const role of ["writer", "auditor", "admin"] as const) {
    const old = saved[role]
    const valid = old !== undefined && (await Effect.runPromise(keys.authenticate(old))) !== undefined
    out[role] = valid
      ? old
      : (
          await Effect.runPromise(
            createKey(
              store,
              role === "writer"
                ? {
                    role,
                    departments: [...new Set(departments.length > 0 ? departments : ["002"])],
                    label: "demo",
                  }
                : { role, label: "demo" },
              "pnpm-start",
            ),
          )
        ).secret
  }
  keys.invalidate()
  mkdirSync(storeDir, { recursive: true })
  writeFileSync(file, JSON.stringify(out, null, 2) + "\n", { mode: 0o600 })
  return out as DemoKeys
}

/** Starts the API; `port: 0` picks a free port. @category constructors */
export const startApi = async (
  config: ApiConfig,
  options: { readonly admin?: Hono; readonly seed?: boolean } = {},
): Promise<RunningApi> => {
  const store = await openStore(config)
  const imported = options.seed === false ? 0 : await seedIfEmpty(store, config.fixture)
  const keys = makeKeyRing(store)
  const demoKeys = await ensureDemoKeys(store, keys, config.storeDir)
  const app = makeApp({
    store,
    keys,
    service: makeLedgerService(store),
    maxBodyBytes: config.maxBodyBytes,
    ...(options.admin !== undefined ? { admin: options.admin } : {}),
  })
  const server = await new Promise<ReturnType<typeof serve>>((ready) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => ready(s))
  })
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://${config.host}:${port}`,
    port,
    demoKeys,
    imported,
    store,
    close: async () => {
      await new Promise<void>((done) => server.close(() => done()))
      await Effect.runPromise(store.close())
    },
  }
}
