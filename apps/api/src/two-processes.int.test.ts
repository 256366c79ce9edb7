/**
 * Stateless API instances: two real API processes (`apps/api/src/main.ts`, as `pnpm start` runs it)
 * on one PostgreSQL database. Appends and reads alternate between them; every read carries the
 * consistency token of the last append (its `lastPosition`, from the other process) and must
 * reflect it — the current disclosure's log position and a publication's seal, even when the
 * reading process has just served the previous publication — and writers racing through both
 * processes lose no event. When `infra/postgres/replica.sh` can start a hot standby, the second
 * process reads through it (`LEDGER_READ_DATABASE_URL`) and reports it in `/v1/health`. The scratch database is made with
 * `psql`: only `@ledger/store-postgres` may import a driver.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process"
import { randomBytes } from "node:crypto"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { newAppropriation } from "./testing-fixtures/requests.ts"

const ADMIN_URL = process.env["LEDGER_PG_URL"] ?? "postgres://postgres@127.0.0.1:5432/postgres"
const ROOT = fileURLToPath(new URL("../../../", import.meta.url))
const dbName = `ledger_two_${randomBytes(4).toString("hex")}`
const psql = (statement: string): void => {
  execFileSync("psql", [ADMIN_URL, "-v", "ON_ERROR_STOP=1", "-q", "-c", statement], { stdio: "pipe" })
}
const dbUrl = (() => {
  const u = new URL(ADMIN_URL)
  u.pathname = `/${dbName}`
  return u.toString()
})()
const scratch = mkdtempSync(join(tmpdir(), "ledger-two-"))
const REPLICA_PORT = process.env["LEDGER_REPLICA_PORT"] ?? "5433"
const replica = spawnSync("bash", [join(ROOT, "infra/postgres/replica.sh"), "start"], {
  encoding: "utf8",
  env: {
    ...process.env,
    PGHOST: new URL(ADMIN_URL).hostname,
    PGPORT: new URL(ADMIN_URL).port || "5432",
    REPLICA_PORT,
  },
})
const replicaUrl = (() => {
  if (replica.status !== 0) {
    console.log(`two-process test without a read replica: ${replica.stderr.trim() || replica.stdout.trim()}`)
    return undefined
  }
  const u = new URL(dbUrl)
  u.port = REPLICA_PORT
  return u.toString()
})()

interface Api {
  readonly child: ChildProcess
  readonly url: string
  readonly output: string
}

/** Starts one API process on the shared database; resolves once it prints its URL. */
const startApi = (name: string, env: Record<string, string>): Promise<Api> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "apps/api/src/main.ts"], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: dbUrl,
        PORT: "0",
        LEDGER_STORE: join(scratch, name),
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    })
    let output = ""
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const m = /listening on (http:\/\/[^\s]+)/.exec(output)
      // Wait for the whole banner (it ends with the keys or the "store already has data" line).
      if (m && /admin web app/.test(output)) {
        setTimeout(() => resolve({ child, url: m[1] as string, output }), 50)
      }
    }
    child.stdout.on("data", onData)
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()))
    child.once("exit", (code) => reject(new Error(`${name} exited with ${String(code)}:\n${output}`)))
  })

let a: Api
let b: Api
let writer = ""
let auditor = ""

beforeAll(async () => {
  psql(`CREATE DATABASE ${dbName}`)
  // The first process migrates, loads the reference department and makes demo keys; the second
  // finds the data and the keys already there.
  a = await startApi("a", { LEDGER_DEMO_KEYS: "1" })
  writer = /writer\s+(\S+)/.exec(a.output)?.[1] ?? ""
  auditor = /auditor\s+(\S+)/.exec(a.output)?.[1] ?? ""
  b = await startApi("b", replicaUrl === undefined ? {} : { LEDGER_READ_DATABASE_URL: replicaUrl })
}, 240_000)

afterAll(() => {
  for (const p of [a, b]) p?.child.kill("SIGTERM")
  rmSync(scratch, { recursive: true, force: true })
  try {
    psql(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
  } catch {
    // the processes may still be closing their pools; FORCE ends them
  }
})

const D = "/v1/departments/002/years/2026"

const post = async (api: Api, path: string, body: unknown, key: string) => {
  const res = await fetch(`${api.url}${path}`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${writer}`,
      "content-type": "application/json",
      "idempotency-key": key,
    },
    body: JSON.stringify(body),
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

const get = async (api: Api, path: string, token?: number) => {
  const res = await fetch(`${api.url}${path}`, {
    headers: {
      authorization: `Bearer ${auditor}`,
      ...(token === undefined ? {} : { "ledger-min-position": String(token) }),
    },
  })
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> }
}

describe("two API processes on one PostgreSQL", () => {
  it("started both, with keys from the first", () => {
    expect(writer).not.toBe("")
    expect(auditor).not.toBe("")
    expect(b.output).toContain("store already has data")
  })

  it("never serves a read older than the consistency token of an append made through the other process", async () => {
    for (let round = 0; round < 8; round++) {
      const [writeVia, readVia] = round % 2 === 0 ? [a, b] : [b, a]
      const appended = await post(
        writeVia,
        `${D}/events`,
        { events: [newAppropriation(`two-${round}`)] },
        `two-${round}`,
      )
      expect(appended.status).toBe(201)
      const token = appended.body["lastPosition"] as number
      const doc = await get(readVia, `${D}/disclosure?asOf=current`, token)
      expect(doc.status).toBe(200)
      expect((doc.body["asOf"] as { position: number }).position).toBeGreaterThanOrEqual(token)
      expect(Number(doc.headers.get("ledger-position"))).toBeGreaterThanOrEqual(token)

      // A publication through one process is what the other serves as published, at once — even
      // though the reader has just served (and remembered) the previous publication.
      if (round % 4 === 3) {
        expect((await get(readVia, `${D}/disclosure?asOf=published`)).status).toBe(200)
        const sealed = await post(writeVia, `${D}/publish`, {}, `publish-${round}`)
        expect(sealed.status).toBe(201)
        const published = await get(
          readVia,
          `${D}/disclosure?asOf=published&minPosition=${Number(sealed.body["position"] ?? token)}`,
        )
        expect(published.status).toBe(200)
        expect(published.body["documentHash"]).toBe(sealed.body["documentHash"])
      }
    }
  })

  it("loses no write when writers race through both processes", async () => {
    const before = await get(a, `${D}/disclosure?asOf=current`)
    const startPosition = (before.body["asOf"] as { position: number }).position
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        post(i % 2 === 0 ? a : b, `${D}/events`, { events: [newAppropriation(`race-${i}`)] }, `race-${i}`),
      ),
    )
    expect(results.map((r) => r.status)).toEqual(results.map(() => 201))
    const positions = results.map((r) => r.body["lastPosition"] as number)
    expect(new Set(positions).size).toBe(12)
    const last = Math.max(...positions)
    for (const api of [a, b]) {
      const doc = await get(api, `${D}/disclosure?asOf=current`, last)
      expect((doc.body["asOf"] as { position: number }).position).toBe(last)
      expect(last).toBeGreaterThan(startPosition)
    }
    const versions = results.map((r) => r.body["toVersion"] as number).sort((x, y) => x - y)
    expect(versions).toEqual(Array.from({ length: 12 }, (_, i) => (versions[0] ?? 0) + i))
  })

  it.skipIf(replicaUrl === undefined)(
    "reports the read replica in the health of the process that uses it",
    async () => {
      const health = (await (await fetch(`${b.url}/v1/health`)).json()) as {
        status: string
        replicas?: ReadonlyArray<{ ok: boolean; replayedPosition: number }>
      }
      expect(health.status).toBe("ok")
      expect(health.replicas).toHaveLength(1)
      expect(health.replicas?.[0]?.ok).toBe(true)
      expect(health.replicas?.[0]?.replayedPosition).toBeGreaterThan(0)
      const plain = (await (await fetch(`${a.url}/v1/health`)).json()) as Record<string, unknown>
      expect(plain).toEqual({ status: "ok" })
    },
  )
})
