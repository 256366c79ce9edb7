/**
 * An EventStore that writes to the PostgreSQL primary and reads from hot-standby replicas, with
 * read-your-writes: a read carrying a consistency token (`minPosition`, the log position the caller
 * has seen) goes to a replica only once that replica has replayed that position; it waits for one
 * (bounded, `waitMs`) and then falls back to the primary. A read without a token may be as stale
 * as the replica's lag — which `replicaStatus` reports. Replication itself is PostgreSQL's
 * streaming replication; nothing here copies data.
 */
import { Effect } from "effect"
import { sql } from "kysely"
import type { Kysely } from "kysely"
import type { EventStoreShape, SchemaTooNew, StoreUnavailable } from "@ledger/eventstore"
import { StoreUnavailable as Unavailable } from "@ledger/eventstore"
import type { Database } from "./database.ts"
import { makeKyselyEventStore } from "./kysely-store.ts"
import { checkSchema } from "./migrate.ts"
import { makePgEventStore, makePgKysely, type PgStoreOptions } from "./pg-store.ts"

/** One read replica: its store and its connection, for the replay probe. @category models */
export interface ReadReplica {
  /** How it is named in health reports (host:port, never the password). */
  readonly name: string
  readonly store: EventStoreShape
  readonly db: Kysely<Database>
}

/** Tuning of {@link makeReplicatedEventStore}. @category models */
export interface ReplicatedOptions {
  /** How long a token read waits for a replica before asking the primary (default 500 ms). */
  readonly waitMs?: number | undefined
  /** How often a waiting read asks the replicas again (default 20 ms). */
  readonly pollMs?: number | undefined
}

/** What a replica reports about itself. @category models */
export interface ReplicaStatus {
  readonly name: string
  readonly ok: boolean
  /** The highest log position the replica has replayed (0 when the log is empty). */
  readonly replayedPosition?: number | undefined
  /** The WAL position replayed, as PostgreSQL writes it. */
  readonly replayLsn?: string | undefined
  /** Seconds since the last replayed transaction committed on the primary (undefined: none yet). */
  readonly lagSeconds?: number | undefined
  readonly error?: string | undefined
}

/** The replicated store and its health probe. @category models */
export interface ReplicatedEventStore extends EventStoreShape {
  readonly replicaStatus: () => Effect.Effect<ReadonlyArray<ReplicaStatus>>
}

const unavailable = (error: unknown): StoreUnavailable =>
  new Unavailable({ reason: error instanceof Error ? error.message : String(error) })

/** True once the replica has replayed the transaction that wrote `position`. */
const hasReplayed = (replica: ReadReplica, position: number): Effect.Effect<boolean> =>
  Effect.tryPromise({
    try: async () => {
      // Replay follows commit order, so the row being there means that commit and every
      // earlier one are there.
      const row = await replica.db
        .selectFrom("events")
        .select("position")
        .where("position", "=", String(position))
        .executeTakeFirst()
      return row !== undefined
    },
    catch: unavailable,
  }).pipe(Effect.orElseSucceed(() => false))

/**
 * Writes go to `primary`; reads go round-robin to `replicas`, honouring consistency tokens.
 * With no replica it is the primary itself.
 * @category constructors
 */
export const makeReplicatedEventStore = (
  primary: EventStoreShape,
  replicas: ReadonlyArray<ReadReplica>,
  options: ReplicatedOptions = {},
): ReplicatedEventStore => {
  const waitMs = options.waitMs ?? 500
  const pollMs = options.pollMs ?? 20
  let next = 0

  /** The store to read from: a replica that has replayed `minPosition`, else the primary. */
  const reader = (minPosition: number | undefined): Effect.Effect<EventStoreShape> => {
    if (replicas.length === 0) return Effect.succeed(primary)
    const start = next++ % replicas.length
    const order = replicas.map((_, i) => replicas[(start + i) % replicas.length] as ReadReplica)
    if (minPosition === undefined || minPosition <= 0) return Effect.succeed(order[0]?.store ?? primary)
    const attempt = (deadline: number): Effect.Effect<EventStoreShape> =>
      Effect.gen(function* () {
        for (const replica of order) if (yield* hasReplayed(replica, minPosition)) return replica.store
        if (Date.now() + pollMs > deadline) return primary
        yield* Effect.sleep(pollMs)
        return yield* attempt(deadline)
      })
    return Effect.suspend(() => attempt(Date.now() + waitMs))
  }

  const status = (replica: ReadReplica): Effect.Effect<ReplicaStatus> =>
    Effect.tryPromise({
      try: async () => {
        const r = await sql<{ position: string | null; lsn: string | null; lag: number | null }>`
          select (select max(position) from events)::text as position,
                 pg_last_wal_replay_lsn()::text as lsn,
                 extract(epoch from now() - pg_last_xact_replay_timestamp())::float8 as lag`.execute(
          replica.db,
        )
        const row = r.rows[0]
        return {
          name: replica.name,
          ok: true,
          replayedPosition: Number(row?.position ?? 0),
          replayLsn: row?.lsn ?? undefined,
          lagSeconds: row?.lag ?? undefined,
        } satisfies ReplicaStatus
      },
      catch: unavailable,
    }).pipe(
      Effect.catch((e: StoreUnavailable) =>
        Effect.succeed<ReplicaStatus>({ name: replica.name, ok: false, error: e.reason }),
      ),
    )

  return {
    append: primary.append,
    storedRequestHash: primary.storedRequestHash,
    verify: primary.verify,
    readStream: (streamId, o = {}) =>
      Effect.flatMap(reader(o.minPosition), (store) => store.readStream(streamId, o)),
    readAll: (o = {}) => Effect.flatMap(reader(o.minPosition), (store) => store.readAll(o)),
    listStreams: () => Effect.flatMap(reader(undefined), (store) => store.listStreams()),
    head: (streamId, o = {}) => Effect.flatMap(reader(o.minPosition), (store) => store.head(streamId, o)),
    replicaStatus: () => Effect.forEach(replicas, status, { concurrency: "unbounded" }),
    close: () =>
      Effect.andThen(
        Effect.forEach(replicas, (r) => r.store.close(), { discard: true }),
        primary.close(),
      ),
  }
}

/** Options of {@link makePgReplicatedEventStore}: the primary's, plus the replicas' URLs. @category models */
export interface PgReplicatedOptions extends PgStoreOptions, ReplicatedOptions {
  /** One URL per read replica (`LEDGER_READ_DATABASE_URL`, comma-separated). */
  readonly readConnectionStrings: ReadonlyArray<string>
}

/** `host:port/database` of a URL, never its credentials. */
const nameOf = (url: string): string => {
  try {
    const u = new URL(url)
    return `${u.hostname}:${u.port || "5432"}${u.pathname}`
  } catch {
    return "replica"
  }
}

/**
 * Connects to the primary (migrating it as {@link makePgEventStore} does) and to every replica
 * (schema check only: a replica is read-only). A replica that cannot be reached fails the start.
 * @category constructors
 */
export const makePgReplicatedEventStore = (
  options: PgReplicatedOptions,
): Effect.Effect<ReplicatedEventStore, StoreUnavailable | SchemaTooNew> =>
  Effect.gen(function* () {
    const primary = yield* makePgEventStore(options)
    const replicas: Array<ReadReplica> = []
    const closeAll = Effect.andThen(
      Effect.forEach(replicas, (r) => r.store.close(), { discard: true }),
      primary.close(),
    )
    for (const url of options.readConnectionStrings) {
      const db = makePgKysely({ ...options, connectionString: url })
      const store = makeKyselyEventStore(db, { destroy: () => db.destroy() })
      replicas.push({ name: nameOf(url), store, db })
      yield* Effect.tapError(checkSchema(db), () => closeAll)
    }
    return makeReplicatedEventStore(primary, replicas, options)
  })
