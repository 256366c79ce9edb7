/**
 * The benchmark's surroundings: a throw-away database per backend (so no run sees another's
 * rows and nothing is left behind) and a description of the machine and its load, printed above
 * the table because numbers from a shared, loaded machine mean little without it.
 *
 * @module
 */
import { randomBytes } from "node:crypto"
import os from "node:os"
import pg from "pg"

/** The server the benchmark creates its scratch databases on (`BENCH_PG_URL` overrides). */
export const adminUrl = (): string =>
  process.env["BENCH_PG_URL"] ?? "postgres://postgres@127.0.0.1:5432/postgres"

/** A scratch database: its URL and how to drop it. */
export interface Scratch {
  readonly name: string
  readonly url: string
  readonly drop: () => Promise<void>
}

const withClient = async <A>(url: string, run: (client: pg.Client) => Promise<A>): Promise<A> => {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 })
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}

/**
 * Waits (at most `waitMs`) until no backend is connected to `name`. `pg.Pool.end()` resolves as
 * soon as it has asked its clients to end, before their backends exit; a `DROP … WITH (FORCE)`
 * sent at once terminates those backends, and a pool without an "error" listener then crashes
 * the process. Waiting first leaves FORCE only for connections that really were left open.
 */
const awaitNoBackends = async (c: pg.Client, name: string, waitMs: number): Promise<void> => {
  const deadline = performance.now() + waitMs
  for (;;) {
    const r = await c.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1",
      [name],
    )
    if ((r.rows[0]?.n ?? 0) === 0 || performance.now() > deadline) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/**
 * Creates `bench_<label>_<random>` on the server of `admin`; `drop` removes it once its
 * connections have closed (forcing out any still open after 5 s).
 */
export const createScratch = async (admin: string, label: string): Promise<Scratch> => {
  const name = `bench_${label}_${randomBytes(4).toString("hex")}`
  await withClient(admin, (c) => c.query(`CREATE DATABASE ${name}`))
  const url = new URL(admin)
  url.pathname = `/${name}`
  return {
    name,
    url: url.toString(),
    drop: () =>
      withClient(admin, async (c) => {
        await awaitNoBackends(c, name, 5_000)
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      }),
  }
}

/**
 * Refreshes the planner statistics of every table of the database at `url`. The read workloads
 * run after it on every backend: a table written seconds ago has none until autovacuum comes by.
 */
export const analyzeDatabase = (url: string): Promise<void> =>
  withClient(url, (c) => c.query("ANALYZE")).then(() => undefined)

/** What the numbers were measured on. */
export interface Machine {
  readonly cpu: string
  readonly cores: number
  readonly memoryGiB: number
  readonly node: string
  readonly postgres: string
  readonly loadAverage: readonly [number, number, number]
}

/** The CPU, memory, Node and PostgreSQL versions and the current 1/5/15-minute load average. */
export const describeMachine = async (admin: string): Promise<Machine> => {
  const postgres = await withClient(admin, async (c) => {
    const r = await c.query<{ version: string }>("SELECT version()")
    return r.rows[0]?.version ?? "unknown"
  }).catch((error: unknown) => `unreachable (${String(error)})`)
  const [l1 = 0, l5 = 0, l15 = 0] = os.loadavg()
  return {
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    postgres,
    loadAverage: [l1, l5, l15],
  }
}

/** The load average as "1 min / 5 min / 15 min". */
export const formatLoad = (load: readonly [number, number, number]): string =>
  load.map((l) => l.toFixed(2)).join(" / ")

/** The machine as a few Markdown bullet lines. */
export const formatMachine = (m: Machine): string =>
  [
    `- CPU: ${m.cpu}, ${m.cores} cores available to Node`,
    `- memory: ${m.memoryGiB} GiB`,
    `- Node ${m.node}; ${m.postgres}`,
    `- load average at start (1/5/15 min): ${formatLoad(m.loadAverage)}`,
  ].join("\n")
