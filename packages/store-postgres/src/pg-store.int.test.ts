/**
 * The contract, tamper evidence, gap-safety, failure and privilege tests against a real
 * PostgreSQL server (`LEDGER_PG_URL`), each file in its own scratch database.
 */
import { spawn } from "node:child_process"
import { fileURLToPath } from "node:url"
import { randomUUID } from "node:crypto"
import { Effect } from "effect"
import pg from "pg"
import { sql } from "kysely"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Expected } from "@ledger/eventstore"
import type { EventStoreShape } from "@ledger/eventstore"
import {
  event,
  events,
  freshKey,
  freshStream,
  request,
  run,
  runError,
  runEventStoreContract,
} from "@ledger/eventstore/testing"
import { grantAppRole } from "./grants.ts"
import { makeKyselyEventStore } from "./kysely-store.ts"
import { KNOWN_SCHEMA_VERSION, migrate } from "./migrate.ts"
import { makePgEventStore, makePgKysely } from "./pg-store.ts"
import { runTamperCases } from "./testing-fixtures/tamper-cases.ts"
import { adminQuery, createScratchDb, urlFor } from "./testing-fixtures/scratch-db.ts"

let scratch: Awaited<ReturnType<typeof createScratchDb>>
let store: EventStoreShape
beforeAll(async () => {
  scratch = await createScratchDb("pg")
  store = await Effect.runPromise(makePgEventStore({ connectionString: scratch.url }))
}, 60_000)
afterAll(async () => {
  await run(store.close())
  await scratch.drop()
})

runEventStoreContract("postgres", () =>
  Effect.runPromise(makePgEventStore({ connectionString: scratch.url, migrate: false })),
)

runTamperCases("postgres", async () => {
  const db = makePgKysely({ connectionString: scratch.url, maxConnections: 1 })
  await sql`begin`.execute(db)
  return {
    db,
    store: makeKyselyEventStore(db, { destroy: () => Promise.resolve() }),
    done: async () => {
      await sql`rollback`.execute(db)
      await db.destroy()
    },
  }
})

describe("postgres: readAll under concurrency", () => {
  it("holds back a committed event while a lower position is still uncommitted", async () => {
    const db = makePgKysely({ connectionString: scratch.url, maxConnections: 1 })
    const slow = makeKyselyEventStore(db, { destroy: () => db.destroy() })
    const before = (await run(store.readAll())).at(-1)?.position ?? 0
    try {
      await sql`begin`.execute(db)
      const low = await run(
        slow.append(request(freshStream("slow"), Expected.noStream, [event(1)]), {
          idempotencyKey: freshKey(),
        }),
      )
      const high = await run(
        store.append(request(freshStream("fast"), Expected.noStream, [event(2)]), {
          idempotencyKey: freshKey(),
        }),
      )
      expect(high.firstPosition).toBeGreaterThan(low.firstPosition ?? Infinity)
      expect((await run(store.readAll({ fromPosition: before }))).map((e) => e.position)).toEqual([])
      await sql`commit`.execute(db)
      // Both show once no write transaction older than them is open — another session's may still
      // be, on a shared server, for a moment.
      const ours = async () =>
        (await run(store.readAll({ fromPosition: before })))
          .map((e) => e.position)
          .filter((p) => p === low.firstPosition || p === high.firstPosition)
      const deadline = Date.now() + 20_000
      let after = await ours()
      while (after.length < 2 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20))
        after = await ours()
      }
      expect(after).toEqual([low.firstPosition, high.firstPosition])
    } finally {
      await run(slow.close())
    }
  })
})

describe("postgres: migrations", () => {
  it("running them twice changes nothing, and a newer schema is refused", async () => {
    const db = makePgKysely({ connectionString: scratch.url, maxConnections: 1 })
    try {
      const snapshot = async () =>
        JSON.stringify([
          (
            await sql`select table_name, column_name, data_type from information_schema.columns where table_schema = 'public' order by 1, 2`.execute(
              db,
            )
          ).rows,
          (await sql`select name from kysely_migration order by 1`.execute(db)).rows,
          (
            await sql`select proname, md5(prosrc) from pg_proc where proname like 'ledger_%' order by 1`.execute(
              db,
            )
          ).rows,
        ])
      const before = await snapshot()
      expect(await Effect.runPromise(migrate(db))).toBe(KNOWN_SCHEMA_VERSION)
      expect(await snapshot()).toBe(before)
      await sql`begin`.execute(db)
      await sql`update ledger_schema set version = 99`.execute(db)
      expect(await runError(migrate(db))).toMatchObject({
        _tag: "SchemaTooNew",
        found: 99,
        known: KNOWN_SCHEMA_VERSION,
      })
      await sql`rollback`.execute(db)
    } finally {
      await db.destroy()
    }
  })
})

describe("postgres: failures", () => {
  it("reports an unreachable server as StoreUnavailable within the connect timeout", async () => {
    const started = performance.now()
    const refused = await runError(
      makePgEventStore({ connectionString: "postgres://postgres@127.0.0.1:9/none", connectTimeoutMs: 1_000 }),
    )
    expect(refused).toMatchObject({ _tag: "StoreUnavailable" })
    // A non-routable address: the connection neither succeeds nor is refused, so only the timeout ends it.
    const blackhole = await runError(
      makePgEventStore({
        connectionString: "postgres://postgres@10.255.255.1:5432/none",
        connectTimeoutMs: 1_000,
      }),
    )
    expect(blackhole).toMatchObject({ _tag: "StoreUnavailable" })
    expect(performance.now() - started).toBeLessThan(10_000)
  })

  const countOf = async (streamId: string) =>
    Number(
      (
        await adminQueryOn(scratch.name, "select count(*)::int as n from events where stream_id = $1", [
          streamId,
        ])
      ).rows[0]?.n,
    )

  const waitForActiveAppend = async (): Promise<number> => {
    for (let i = 0; i < 600; i++) {
      const r = await adminQuery(
        "select pid from pg_stat_activity where datname = $1 and state = 'active' and query like '%ledger_append%' and pid <> pg_backend_pid()",
        [scratch.name],
      )
      const row = r.rows[0] as { pid: number } | undefined
      if (row) return Number(row.pid)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    throw new Error("append never became active")
  }

  const spawnAppend = (streamId: string, count: number) =>
    spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        fileURLToPath(new URL("./testing-fixtures/append-child.ts", import.meta.url)),
        scratch.url,
        streamId,
        String(count),
      ],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    )

  it("leaves nothing when the server connection is terminated mid-append", async () => {
    const streamId = freshStream("terminated")
    const child = spawnAppend(streamId, 20_000)
    const exited = new Promise<string>((resolve) => {
      let out = ""
      child.stdout?.on("data", (d: Buffer) => (out += d.toString()))
      child.on("exit", () => resolve(out))
    })
    const pid = await waitForActiveAppend()
    await adminQuery("select pg_terminate_backend($1)", [pid])
    expect(JSON.parse(await exited)).toEqual({ outcome: "Failure" })
    expect(await countOf(streamId)).toBe(0)
    expect(await run(store.head(streamId))).toBeUndefined()
    expect(await run(store.verify())).toMatchObject({ ok: true })
  }, 120_000)

  it("leaves all or nothing when the writing process is killed with SIGKILL mid-append", async () => {
    const streamId = freshStream("killed")
    const child = spawnAppend(streamId, 20_000)
    const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()))
    await waitForActiveAppend()
    child.kill("SIGKILL")
    await exited
    // The server finishes or aborts the orphaned statement on its own; wait until it is gone.
    for (let i = 0; i < 600; i++) {
      const r = await adminQuery(
        "select 1 from pg_stat_activity where datname = $1 and query like '%ledger_append%' and state = 'active'",
        [scratch.name],
      )
      if (r.rowCount === 0) break
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    expect([0, 20_000]).toContain(await countOf(streamId))
    expect(await run(store.verify())).toMatchObject({ ok: true })
    // Whatever happened, the stream is still usable at the version it reports.
    const head = await run(store.head(streamId))
    await run(
      store.append(
        request(streamId, Expected.exact(head?.version ?? 0), [event(1, { idempotencyKey: "after-kill" })]),
        { idempotencyKey: freshKey() },
      ),
    )
  }, 120_000)
})

describe("postgres: the application role cannot change history", () => {
  const id = randomUUID().replaceAll("-", "").slice(0, 8)
  const owner = `ledger_owner_t${id}`
  const app = `ledger_app_t${id}`
  const stranger = `ledger_other_t${id}`
  const dbName = `ledger_test_roles_${id}`
  beforeAll(async () => {
    await adminQuery(`create role ${owner} login`)
    await adminQuery(`create role ${app} login`)
    await adminQuery(`create role ${stranger} login`)
    await adminQuery(`create database ${dbName} owner ${owner} encoding 'UTF8' template template0`)
  })
  afterAll(async () => {
    await adminQuery(`drop database if exists ${dbName} with (force)`)
    await adminQuery(`drop role if exists ${app}`)
    await adminQuery(`drop role if exists ${stranger}`)
    await adminQuery(`drop role if exists ${owner}`)
  })

  it("appends and reads, but cannot UPDATE, DELETE, TRUNCATE or INSERT around ledger_append, even with the trigger disabled", async () => {
    const ownerDb = makePgKysely({ connectionString: urlFor(dbName, owner), maxConnections: 1 })
    const appDb = makePgKysely({ connectionString: urlFor(dbName, app), maxConnections: 1 })
    const strangerDb = makePgKysely({ connectionString: urlFor(dbName, stranger), maxConnections: 1 })
    try {
      await Effect.runPromise(migrate(ownerDb))
      await grantAppRole(ownerDb, app)
      const appStore = await Effect.runPromise(
        makePgEventStore({ connectionString: urlFor(dbName, app), migrate: false }),
      )
      const s = freshStream()
      await run(appStore.append(request(s, Expected.noStream, events(2)), { idempotencyKey: freshKey() }))
      expect((await run(appStore.readStream(s))).length).toBe(2)
      // The COPY path works for the app role too (its staging table is granted to it), still
      // through the definer's functions only.
      const bulkStream = freshStream()
      await run(
        appStore.transaction((tx: EventStoreShape & { appendBulk?: EventStoreShape["append"] }) =>
          (tx.appendBulk ?? tx.append)(request(bulkStream, Expected.noStream, events(3)), {
            idempotencyKey: freshKey(),
          }),
        ),
      )
      expect((await run(appStore.readStream(bulkStream))).length).toBe(3)
      await run(appStore.close())
      await sql`alter table events disable trigger user`.execute(ownerDb)
      for (const statement of [
        sql`update events set type = 'x'`,
        sql`delete from events`,
        sql`truncate events`,
      ]) {
        await expect(statement.execute(appDb)).rejects.toThrow(/permission denied/)
      }
      await expect(sql`alter table events disable trigger user`.execute(appDb)).rejects.toThrow(
        /must be owner/,
      )
      // Nor write around the append function: no INSERT into events, nothing on streams or
      // append_requests, no moving the database clock.
      for (const statement of [
        sql`insert into events (position, stream_id, version, event_id, type, idempotency_key, occurred_key, recorded_at, body_hash, canonical, prev_hash, hash)
            select position + 1000, stream_id, version + 10, event_id, type, 'x', occurred_key, '2000-01-01T00:00:00.000Z', body_hash, canonical, prev_hash, hash from events limit 1`,
        sql`update streams set version = 1`,
        sql`insert into streams (stream_id, version, head_hash, head_position) values ('x', 1, 'h', 1)`,
        sql`delete from streams`,
        sql`insert into append_requests (idempotency_key, request_hash, result) values ('x', 'x', 'x')`,
        sql`select nextval('events_position_seq')`,
        sql`select setval('ledger_clock_seq', 1)`,
      ]) {
        await expect(statement.execute(appDb)).rejects.toThrow(/permission denied/)
      }
      // Another role without the grant cannot call the append function at all.
      await expect(
        sql`select ledger_append('k', 'h', '', '{}'::text[], '{}'::int[], '{}'::int[], '{}'::int[], '{}'::text[], '{}'::text[], '{}'::text[], '{}'::text[], '{}'::text[], '{}'::text[])`.execute(
          strangerDb,
        ),
      ).rejects.toThrow(/permission denied/)
      await sql`alter table events enable trigger user`.execute(ownerDb)
      expect(
        Number((await sql<{ n: number }>`select count(*)::int as n from events`.execute(ownerDb)).rows[0]?.n),
      ).toBe(5)
    } finally {
      await ownerDb.destroy()
      await appDb.destroy()
      await strangerDb.destroy()
    }
  })
})

/** One statement on a named database of the test server, as the admin user. */
const adminQueryOn = async (
  database: string,
  text: string,
  values: ReadonlyArray<unknown>,
): Promise<pg.QueryResult<{ n?: number }>> => {
  const client = new pg.Client({ connectionString: urlFor(database) })
  await client.connect()
  try {
    return await client.query(text, [...values])
  } finally {
    await client.end()
  }
}
