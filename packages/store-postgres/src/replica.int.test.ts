/**
 * Read replicas for real: `infra/postgres/replica.sh` starts a streaming hot standby of the test
 * server; events are appended on the primary and read back through the replica with and without
 * a consistency token. With the token a read never misses the caller's own write — even while the
 * standby's replay is paused, when the read falls back to the primary; without it, the read is
 * whatever the standby has replayed, which is always a gap-free prefix of the stream.
 */
import { spawnSync } from "node:child_process"
import { fileURLToPath } from "node:url"
import { Effect } from "effect"
import pg from "pg"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Expected } from "@ledger/eventstore"
import { events, freshKey, freshStream, request, run } from "@ledger/eventstore/testing"
import { makePgReplicatedEventStore, type ReplicatedEventStore } from "./replicated-store.ts"
import { adminUrl, createScratchDb } from "./testing-fixtures/scratch-db.ts"

const REPLICA_PORT = process.env["LEDGER_REPLICA_PORT"] ?? "5433"
const script = fileURLToPath(new URL("../../../infra/postgres/replica.sh", import.meta.url))
const primary = new URL(adminUrl)
const started = spawnSync("bash", [script, "start"], {
  encoding: "utf8",
  env: { ...process.env, PGHOST: primary.hostname, PGPORT: primary.port || "5432", REPLICA_PORT },
})
const replicaReady = started.status === 0
if (!replicaReady)
  console.log(
    `replica tests skipped: infra/postgres/replica.sh could not start a standby (${started.stderr.trim() || started.stdout.trim()})`,
  )

/** The same database on the replica's port. */
const onReplica = (url: string): string => {
  const u = new URL(url)
  u.port = REPLICA_PORT
  return u.toString()
}

/** Runs one statement on the standby as the superuser (pause/resume replay). */
const standby = async (text: string): Promise<pg.QueryResult> => {
  const client = new pg.Client({ connectionString: onReplica(adminUrl) })
  await client.connect()
  try {
    return await client.query(text)
  } finally {
    await client.end()
  }
}

describe.skipIf(!replicaReady)("read replicas (streaming hot standby)", () => {
  let scratch: Awaited<ReturnType<typeof createScratchDb>>
  let store: ReplicatedEventStore
  beforeAll(async () => {
    scratch = await createScratchDb("replica")
    // Migrate on the primary first, then wait until the standby has replayed the new database.
    const migrated = await Effect.runPromise(
      makePgReplicatedEventStore({ connectionString: scratch.url, readConnectionStrings: [] }),
    )
    await run(migrated.close())
    for (let i = 0; i < 200; i++) {
      const found = await standby(`select 1 from pg_database where datname = '${scratch.name}'`)
      if (found.rowCount === 1) break
      await new Promise((r) => setTimeout(r, 50))
    }
    store = await Effect.runPromise(
      makePgReplicatedEventStore({
        connectionString: scratch.url,
        readConnectionStrings: [onReplica(scratch.url)],
        waitMs: 300,
      }),
    )
  }, 60_000)
  afterAll(async () => {
    await standby("select pg_wal_replay_resume()").catch(() => undefined)
    if (store !== undefined) await run(store.close())
    await scratch?.drop()
  })

  it("a read with the append's position as token always sees that append", async () => {
    const s = freshStream("rr")
    let version = 0
    for (let round = 1; round <= 20; round++) {
      const appended = await run(
        store.append(
          request(s, version === 0 ? Expected.noStream : Expected.exact(version), events(2, version + 1)),
          {
            idempotencyKey: freshKey(),
          },
        ),
      )
      version += 2
      const read = await run(store.readStream(s, { minPosition: appended.lastPosition ?? 0 }))
      expect(read.map((e) => e.version)).toEqual(Array.from({ length: version }, (_, i) => i + 1))
      const head = await run(store.head(s, { minPosition: appended.lastPosition ?? 0 }))
      expect(head?.version).toBe(version)
    }
  })

  it("while the standby is paused, a token read falls back to the primary and a plain read is the standby's stale prefix", async () => {
    const s = freshStream("paused")
    const first = await run(
      store.append(request(s, Expected.noStream, events(3)), { idempotencyKey: freshKey() }),
    )
    await run(store.readStream(s, { minPosition: first.lastPosition ?? 0 })) // the standby has it
    for (let i = 0; i < 100; i++) {
      const [status] = await run(store.replicaStatus())
      if ((status?.replayedPosition ?? 0) >= (first.lastPosition ?? 0)) break
      await new Promise((r) => setTimeout(r, 20))
    }
    await standby("select pg_wal_replay_pause()")
    try {
      const second = await run(
        store.append(request(s, Expected.exact(3), events(2, 4)), { idempotencyKey: freshKey() }),
      )
      const stale = await run(store.readStream(s))
      expect(stale.map((e) => e.version)).toEqual([1, 2, 3])
      const fresh = await run(store.readStream(s, { minPosition: second.lastPosition ?? 0 }))
      expect(fresh.map((e) => e.version)).toEqual([1, 2, 3, 4, 5])
      const [status] = await run(store.replicaStatus())
      expect(status?.ok).toBe(true)
      expect(status?.replayedPosition).toBeLessThan(second.lastPosition ?? 0)
    } finally {
      await standby("select pg_wal_replay_resume()")
    }
    // Once replay resumes the standby catches up and reports it.
    let caughtUp = false
    for (let i = 0; i < 200 && !caughtUp; i++) {
      const plain = await run(store.readStream(s))
      caughtUp = plain.length === 5
      if (!caughtUp) await new Promise((r) => setTimeout(r, 25))
    }
    expect(caughtUp).toBe(true)
  })

  it("reports each replica's replayed position and lag without its credentials", async () => {
    const [status] = await run(store.replicaStatus())
    expect(status).toMatchObject({ ok: true, name: `127.0.0.1:${REPLICA_PORT}/${scratch.name}` })
    expect(status?.replayedPosition).toBeGreaterThan(0)
    expect(typeof status?.replayLsn).toBe("string")
  })
})
