/**
 * Several appends as one transaction (the streaming import): all commit or none does. The
 * transaction runs on one connection; each `ledger_append` in it takes its xid and positions under
 * the global allocation lock as usual. Before COMMIT it takes that lock itself and waits until no
 * other writer is between allocating its positions and committing (one holding a stream lock and
 * not queued for the allocation lock), so a reader can never see this transaction's events while a
 * lower position allocated between two of its batches is still uncommitted — the gap-safety a
 * single `ledger_append` call has. Appends by others wait for that moment only, not for the import.
 */
import { Effect, Exit } from "effect"
import type { Cause } from "effect"
import { Kysely, PostgresDialect, sql } from "kysely"
import type { PostgresPoolClient } from "kysely"
import Cursor from "pg-cursor"
import type pg from "pg"
import { StoreUnavailable } from "@ledger/eventstore"
import type { EventStoreShape } from "@ledger/eventstore"
import type { Database } from "./database.ts"
import { makeCopyAppend, makeCopyAppendPrepared } from "./copy-append.ts"
import { makeKyselyEventStore } from "./kysely-store.ts"

const inFlightWriters = sql<{ n: number }>`
  select count(*)::int as n from pg_locks l
  where l.locktype = 'advisory' and l.granted and l.classid = 2 and l.objsubid = 2 and l.pid <> pg_backend_pid()
    and l.database = (select oid from pg_database where datname = current_database())
    and not exists (
      select 1 from pg_locks w where w.pid = l.pid and w.locktype = 'advisory' and not w.granted
        and w.classid = 3 and w.objid = 0 and w.objsubid = 2)`

class Rollback<E> {
  readonly cause: Cause.Cause<E>
  constructor(cause: Cause.Cause<E>) {
    this.cause = cause
  }
}

/**
 * Runs `body` in one transaction on `conn` (a single connection), against `store` bound to it.
 * @category constructors
 */
const runOn = async <A, E>(
  conn: Kysely<Database>,
  store: EventStoreShape,
  body: (store: EventStoreShape) => Effect.Effect<A, E>,
): Promise<A | Rollback<E>> => {
  await sql`begin`.execute(conn)
  let exit: Exit.Exit<A, E>
  try {
    exit = await Effect.runPromiseExit(body(store))
  } catch (error) {
    await sql`rollback`.execute(conn).catch(() => undefined)
    throw error
  }
  if (Exit.isFailure(exit)) {
    await sql`rollback`.execute(conn)
    return new Rollback(exit.cause)
  }
  await sql`select pg_advisory_lock(3, 0)`.execute(conn)
  try {
    for (let waited = 0; (await inFlightWriters.execute(conn)).rows[0]?.n ?? 0; waited++) {
      if (waited > 6_000) throw new Error("other writers did not finish within 30 s; nothing was written")
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    await sql`commit`.execute(conn)
  } catch (error) {
    await sql`rollback`.execute(conn).catch(() => undefined)
    throw error
  } finally {
    await sql`select pg_advisory_unlock(3, 0)`.execute(conn).catch(() => undefined)
  }
  return exit.value
}

const settle = <A, E>(run: () => Promise<A | Rollback<E>>): Effect.Effect<A, E | StoreUnavailable> =>
  Effect.flatMap(
    Effect.tryPromise({
      try: run,
      catch: (error) =>
        new StoreUnavailable({ reason: error instanceof Error ? error.message : String(error) }),
    }),
    (result): Effect.Effect<A, E> =>
      result instanceof Rollback ? Effect.failCause(result.cause) : Effect.succeed(result),
  )

/**
 * Runs `body` against a store bound to one transaction on `db`.
 * @category constructors
 */
export const transactionOn =
  (db: Kysely<Database>) =>
  <A, E>(body: (store: EventStoreShape) => Effect.Effect<A, E>): Effect.Effect<A, E | StoreUnavailable> =>
    settle(() =>
      db
        .connection()
        .execute((conn) =>
          runOn(conn, makeKyselyEventStore(conn, { destroy: () => Promise.resolve() }), body),
        ),
    )

/**
 * The same on a pg pool, with one client held for the transaction: the store given to `body` also
 * has `appendBulk`, the COPY path ({@link makeCopyAppend}), which needs the client itself.
 * @category constructors
 */
const transactionOnPool =
  (pool: pg.Pool) =>
  <A, E>(body: (store: EventStoreShape) => Effect.Effect<A, E>): Effect.Effect<A, E | StoreUnavailable> =>
    settle(async () => {
      const client = await pool.connect()
      let broken: Error | undefined
      try {
        const conn = new Kysely<Database>({
          dialect: new PostgresDialect({
            // Kysely releases its connection after each query; the client stays ours until the end.
            pool: {
              connect: () =>
                Promise.resolve({
                  query: ((...args: Parameters<typeof client.query>) =>
                    client.query(...args)) as unknown as PostgresPoolClient["query"],
                  release: () => undefined,
                }),
              end: () => Promise.resolve(),
            },
            cursor: Cursor,
          }),
        })
        const store = {
          ...makeKyselyEventStore(conn, { destroy: () => Promise.resolve() }),
          appendBulk: makeCopyAppend(conn, client),
          appendPrepared: makeCopyAppendPrepared(conn, client),
        }
        return await runOn(conn, store, body)
      } catch (error) {
        broken = error instanceof Error ? error : new Error(String(error))
        throw error
      } finally {
        client.release(broken)
      }
    })

/** A store that can also run several appends as one transaction. @category models */
export type TransactionalEventStore = EventStoreShape & {
  readonly transaction: ReturnType<typeof transactionOn>
}

/** Adds {@link transactionOn} to the store on `db`. @category constructors */
export const withTransactions = (
  db: Kysely<Database>,
  store: EventStoreShape,
  pool?: pg.Pool,
): TransactionalEventStore => ({
  ...store,
  transaction: pool === undefined ? transactionOn(db) : transactionOnPool(pool),
})
