/**
 * The HTTP API under load (design README §5: GET of a published disclosure ≥ 5,000 requests/s on
 * loopback). Starts the real server the way a person does — `pnpm start`, the root package.json
 * script (build the bundle, run it with Node) — on a fresh embedded store — or PostgreSQL with
 * `databaseUrl` — and drives it with
 * autocannon: GET published (cached by hash), the same revalidated with its ETag (304, no body:
 * the server's own cost without the transfer), a bare Hono route serving the same bytes (the
 * ratio), GET current (replayed every time), POST a batched append to a stream made large first.
 * Run alone: `npx tsx bench/api.ts`.
 *
 * @module
 */
import { spawn } from "node:child_process"
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import path from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import { formatRows, type BenchRow } from "./report.ts"

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.join(here, "..")

export interface CannonResult {
  readonly requests: { readonly average: number; readonly total: number }
  readonly latency: { readonly p50: number; readonly p99: number }
  readonly non2xx: number
  readonly errors: number
}
export type Cannon = (opts: Record<string, unknown>) => Promise<CannonResult>
export const autocannon = createRequire(import.meta.url)("autocannon") as Cannon

/** Options of {@link benchApi}. */
export interface ApiBenchOptions {
  /** Seconds per scenario (default 10). */
  readonly durationSec?: number
  /** Concurrent connections (default 16). */
  readonly connections?: number
  /** Events per appended batch (default 100). */
  readonly batchSize?: number
  /** PostgreSQL instead of a fresh embedded store. */
  readonly databaseUrl?: string
  /** Events written to the stream (in 100-event POSTs) before the POST scenario (default 10,000). */
  readonly largeStream?: number
}

export interface Server {
  readonly url: string
  /** Resident memory of every process `pnpm start` runs (pnpm, its shell, the server), in MiB (Linux /proc). */
  readonly rssMiB: () => number
  /** The server process's alone (the largest of them). */
  readonly serverRssMiB: () => number
  readonly writer: string
  readonly auditor: string
  readonly stop: () => void
}

/** A process's resident set in MiB, from /proc (NaN elsewhere). */
const rssOf = (pid: number | undefined): number => {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid ?? 0}/status`, "utf8"))?.[1]
    return kb === undefined ? Number.NaN : Number(kb) / 1024
  } catch {
    return Number.NaN
  }
}

/** `pid` and its descendants (Linux /proc; just `pid` elsewhere). */
const processTree = (pid: number): ReadonlyArray<number> => {
  let children: Array<number> = []
  try {
    for (const task of readdirSync(`/proc/${pid}/task`))
      children = children.concat(
        readFileSync(`/proc/${pid}/task/${task}/children`, "utf8")
          .split(/\s+/)
          .filter((c) => c !== "")
          .map(Number),
      )
  } catch {
    children = []
  }
  return [pid, ...children.flatMap(processTree)]
}

/**
 * Runs `pnpm start` (its own process group) on a free loopback port and waits for its banner:
 * exactly what the README runs, so the memory rows measure what a user gets.
 */
export const startServer = (env: Record<string, string>): Promise<Server> =>
  new Promise((resolve, reject) => {
    const child = spawn("pnpm", ["start"], {
      cwd: root,
      env: { ...process.env, PORT: "0", HOST: "127.0.0.1", ...env },
      stdio: ["ignore", "pipe", "inherit"],
      detached: true,
    })
    const rss = (): ReadonlyArray<number> =>
      child.pid === undefined ? [] : processTree(child.pid).map(rssOf)
    const stop = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, "SIGTERM")
      } catch {
        // already gone
      }
    }
    let out = ""
    const timer = setTimeout(() => reject(new Error(`the API did not start in 180 s:\n${out}`)), 180_000)
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8")
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1]
      const writer = /writer\s+(blk_\S+)/.exec(out)?.[1]
      const auditor = /auditor\s+(blk_\S+)/.exec(out)?.[1]
      if (url && writer && auditor) {
        clearTimeout(timer)
        resolve({
          url,
          writer,
          auditor,
          rssMiB: () => rss().reduce((a, b) => a + b, 0),
          serverRssMiB: () => Math.max(...rss()),
          stop,
        })
      }
    })
    child.on("exit", (code) => reject(new Error(`the API exited (${code}) before it was ready:\n${out}`)))
    child.on("error", (error) => reject(new Error(`pnpm start could not be run: ${error.message}`)))
  })

/** A batch of `size` new appropriations, unique per `n`, built from the fixture's first project line. */
const batchBody = (template: Record<string, unknown>, n: number, size: number): string => {
  const data = template["data"] as { line: Record<string, unknown> }
  const { eventId: _id, ...rest } = template
  const events = Array.from({ length: size }, (_, i) => ({
    ...rest,
    idempotencyKey: `bench/${n}/${i}`,
    data: { ...data, line: { ...data.line, lineId: `bench-${n}-${i}`, amount: "100.00" } },
  }))
  return JSON.stringify({ events })
}

/**
 * A bare Hono route answering with `body` and its content type, in this process on a free loopback
 * port: what a GET of a published disclosure costs without the ledger around it.
 */
const bareHono = async (
  body: Uint8Array,
  contentType: string,
): Promise<{ readonly url: string; readonly stop: () => void }> => {
  const { Hono } = await import("hono")
  const { serve } = await import("@hono/node-server")
  const app = new Hono().get("/bare", (c) => c.body(body.slice(), 200, { "content-type": contentType }))
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) =>
      resolve({ url: `http://127.0.0.1:${info.port}/bare`, stop: () => void server.close() }),
    )
  })
}

const row = (name: string, r: CannonResult, note: string): Array<BenchRow> => [
  {
    name: `${name}: requests/s`,
    value: r.requests.average,
    unit: "req/s",
    note: `${note}; non-2xx ${r.non2xx}, errors ${r.errors}`,
  },
  { name: `${name}: p50`, value: r.latency.p50, unit: "ms" },
  { name: `${name}: p99`, value: r.latency.p99, unit: "ms" },
]

/**
 * Runs the three API scenarios against a real server on loopback and returns their rows.
 * @category benchmarks
 */
export const benchApi = async (options: ApiBenchOptions = {}): Promise<ReadonlyArray<BenchRow>> => {
  const duration = options.durationSec ?? 10
  const connections = options.connections ?? 16
  const batchSize = options.batchSize ?? 100
  const dir = mkdtempSync(path.join(tmpdir(), "ledger-bench-api-"))
  const server = await startServer({
    LEDGER_STORE: dir,
    // On PostgreSQL the server makes demo keys only when asked (a shared server may hold real ones).
    ...(options.databaseUrl !== undefined
      ? { DATABASE_URL: options.databaseUrl, LEDGER_DEMO_KEYS: "1" }
      : {}),
  })
  // As `pnpm start` leaves it: the reference department loaded, no request served yet (a second
  // after the banner: the memory freed by the start's garbage collection is returned meanwhile).
  await new Promise((settle) => setTimeout(settle, 1_000))
  const startRss = server.rssMiB()
  const startServerRss = server.serverRssMiB()
  let firstRequestRss = Number.NaN
  let firstRequestServerRss = Number.NaN
  try {
    const base = `${server.url}/v1/departments/002/years/2026`
    const auth = { authorization: `Bearer ${server.auditor}` }
    // One request first: "cached" measures the cached answer, not the first build (and, with the
    // replay workers, their start-up), which would otherwise fill the first seconds of the window.
    const warm = await fetch(`${base}/disclosure?asOf=published`, { headers: auth })
    if (!warm.ok) throw new Error(`the published disclosure answered ${warm.status}`)
    await warm.arrayBuffer()
    // After the first replay: the replay worker it started is resident too.
    await new Promise((settle) => setTimeout(settle, 1_000))
    firstRequestRss = server.rssMiB()
    firstRequestServerRss = server.serverRssMiB()
    const published = await autocannon({
      url: `${base}/disclosure?asOf=published`,
      headers: auth,
      connections,
      duration,
    })
    const etag = (await fetch(`${base}/disclosure?asOf=published`, { headers: auth })).headers.get("etag")
    if (etag === null) throw new Error("the published disclosure has no ETag")
    const revalidated = await autocannon({
      url: `${base}/disclosure?asOf=published`,
      headers: { ...auth, "if-none-match": etag },
      connections,
      duration,
    })
    const sample = await fetch(`${base}/disclosure?asOf=published`, { headers: auth })
    const bytes = new Uint8Array(await sample.arrayBuffer())
    const bare = await bareHono(bytes, sample.headers.get("content-type") ?? "application/json")
    let bareRun: CannonResult
    try {
      bareRun = await autocannon({ url: bare.url, connections, duration })
    } finally {
      bare.stop()
    }
    const current = await autocannon({ url: `${base}/disclosure`, headers: auth, connections, duration })
    const template = readFileSync(path.join(root, "fixtures/tunliu-government-office/events.ndjson"), "utf8")
      .split("\n")
      .filter((l) => l.includes('"AppropriationRecorded"') && l.includes('"project"'))
      .map((l) => JSON.parse(l) as Record<string, unknown>)[0]
    if (template === undefined) throw new Error("the fixture has no project appropriation")
    let n = 0
    // A large stream first (sequential 100-event POSTs), so the POST scenario appends to it.
    const prefill = Math.ceil((options.largeStream ?? 10_000) / 100)
    for (let i = 0; i < prefill; i++) {
      const res = await fetch(`${base}/events`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${server.writer}`,
          "content-type": "application/json",
          "idempotency-key": `prefill-${i}`,
        },
        body: batchBody(template, n++, 100),
      })
      if (!res.ok) throw new Error(`prefill POST ${i} answered ${res.status}: ${await res.text()}`)
    }
    const posts = (postConnections: number) =>
      autocannon({
        url: `${base}/events`,
        method: "POST",
        connections: postConnections,
        duration,
        requests: [
          {
            setupRequest: (req: Record<string, unknown>) => {
              const i = n++
              return {
                ...req,
                headers: {
                  authorization: `Bearer ${server.writer}`,
                  "content-type": "application/json",
                  "idempotency-key": `bench-${i}`,
                },
                body: batchBody(template, i, batchSize),
              }
            },
          },
        ],
      })
    const append = await posts(Math.min(connections, 4))
    // The same posts one at a time (no goal): one post's own latency, which 4 connections queue 4 deep.
    const alone = await posts(1)
    const store = options.databaseUrl !== undefined ? "PostgreSQL" : "embedded PGlite"
    return [
      {
        name: `pnpm start (${store}), resident memory after loading the reference department`,
        value: startRss,
        unit: "MiB",
        note: `VmRSS of pnpm start's processes together (pnpm, its shell, the server) 1 s after the banner, before the first request; the server alone ${startServerRss.toFixed(0)} MiB`,
      },
      {
        name: `API server (${store}, as pnpm start), resident memory after the first disclosure request`,
        value: firstRequestRss,
        unit: "MiB",
        note: `the same, 1 s after the first GET (its replay worker started); the server alone ${firstRequestServerRss.toFixed(0)} MiB`,
      },
      ...row("API GET disclosure, published (cached)", published, `${connections} connections, ${store}`),
      ...row(
        "API GET disclosure, published, If-None-Match (304)",
        revalidated,
        `${connections} connections; non-2xx counts the 304s`,
      ),
      ...row(
        "API GET published, bare Hono route serving the same bytes",
        bareRun,
        `${connections} connections, in the bench process; ${bytes.length} bytes`,
      ),
      {
        name: "API GET published: ledger / bare Hono",
        value: published.requests.average / Math.max(bareRun.requests.average, 1),
        unit: "ratio",
        note: "same client, same run",
      },
      ...row("API GET disclosure, current (replayed)", current, `${connections} connections`),
      ...row(
        `API POST append, ${batchSize} events/batch, to a stream of ${(prefill * 100 + 70).toLocaleString("en-US")}+ events`,
        append,
        `${Math.min(connections, 4)} connections; ≈ ${Math.round(append.requests.average * batchSize)} events/s; state cached per stream head`,
      ),
      ...row(
        `API POST, one connection at a time (no goal), ${batchSize} events/batch, after the above`,
        alone,
        `1 connection; ≈ ${Math.round(alone.requests.average * batchSize)} events/s`,
      ).filter((r) => !r.name.endsWith(": p99")),
    ]
  } finally {
    server.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const rows = await benchApi(process.env["DATABASE_URL"] ? { databaseUrl: process.env["DATABASE_URL"] } : {})
  console.log(formatRows(rows))
}
