/**
 * The integrator's flow of issue 13, against `pnpm start` — a real spawned server process on a
 * fresh embedded store — using only documented calls: a new county 农业农村局 on real agriculture
 * codes, a writer key made with the admin key, three batches, publish retried under one
 * Idempotency-Key, an adjustment, the diff and trace of the changed cell (down to its 文号), and
 * the checks before and after (the adjustment's R15 mismatch is this department's own error, not
 * a known defect of the reference document).
 */
import { type ChildProcess, spawn } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  adjustment,
  AGRI,
  batchLines,
  batchOrganisation,
  batchRest,
  P1_LINE,
} from "./testing-fixtures/agriculture.ts"

const root = fileURLToPath(new URL("../../..", import.meta.url))
const dir = mkdtempSync(join(tmpdir(), "ledger-integrator-"))
let server: ChildProcess | undefined
let base = ""
const demo: Record<string, string> = {}

/** Starts `pnpm start` and reads the URL and the demo keys it prints. */
const start = (): Promise<void> =>
  new Promise((resolve, reject) => {
    const child = spawn("pnpm", ["start"], {
      cwd: root,
      env: { ...process.env, PORT: "0", LEDGER_STORE: dir },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    })
    server = child
    let out = ""
    const onData = (chunk: Buffer) => {
      out += chunk.toString("utf8")
      for (const m of out.matchAll(/^\s+(writer|auditor|admin)\s+(blk_\S+)/gm)) demo[m[1] ?? ""] = m[2] ?? ""
      const url = /listening on (http:\/\/[\d.]+:\d+)/.exec(out)?.[1]
      if (url !== undefined && demo["admin"] !== undefined && /try: curl/.test(out)) {
        base = url
        resolve()
      }
    }
    child.stdout?.on("data", onData)
    child.stderr?.on("data", (c: Buffer) => (out += c.toString("utf8")))
    child.on("exit", (code) => reject(new Error(`pnpm start exited ${code}: ${out}`)))
  })

beforeAll(start, 180_000)
afterAll(() => {
  if (server?.pid !== undefined) {
    try {
      process.kill(-server.pid, "SIGTERM")
    } catch {
      // already gone
    }
  }
  rmSync(dir, { recursive: true, force: true })
})

const D = `/v1/departments/${AGRI.department}/years/${AGRI.year}`
const call = async <T = Record<string, unknown>>(
  path: string,
  key: string | undefined,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Headers; body: T }> => {
  const res = await fetch(`${base}${path}`, {
    method: init.method ?? "GET",
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(init.body !== undefined ? { "content-type": "application/json" } : {}),
      ...init.headers,
    },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  })
  const text = await res.text()
  const type = res.headers.get("content-type") ?? ""
  return {
    status: res.status,
    headers: res.headers,
    body: (/json/.test(type) ? JSON.parse(text) : text) as T,
  }
}

/** A changed cell of the diff. */
interface Cell {
  table: string
  rowLabel: string
  column: string
  toRow: number
  col: number
  old: string
  new: string
  lineIds: Array<string>
  events: Array<{ documentNumber?: string }>
}

interface Finding {
  rule: string
  check: string
  severity: string
  knownDefect?: number
  place: Record<string, string>
}

describe("an integrator's 农业农村局, end to end over pnpm start", () => {
  it("keys, three batches, publish with retry, adjust, diff, trace and checks", async () => {
    // The classification holds the agriculture codes the department needs.
    const taxonomy = await call("/v1/taxonomy/2026", demo["auditor"])
    expect(taxonomy.status).toBe(200)
    const codes = JSON.stringify(taxonomy.body)
    for (const code of [
      "2130101",
      "2130104",
      "2130106",
      "2130122",
      "2080505",
      "2101101",
      "2101102",
      "2210201",
    ])
      expect(codes).toContain(`"${code}"`)

    // A writer key for department 105, made with the admin key.
    const key = await call<{ secret: string }>("/v1/keys", demo["admin"], {
      method: "POST",
      body: { role: "writer", departments: [AGRI.department], label: "agriculture finance system" },
    })
    expect(key.status).toBe(201)
    const writer = key.body.secret
    expect(writer).toMatch(/^blk_/)

    // Three batches, each guarded by the version the last one left.
    let version = 0
    for (const [i, events] of [batchOrganisation(), batchLines(), batchRest()].entries()) {
      const r = await call<{ fromVersion: number; toVersion: number }>(`${D}/events`, writer, {
        method: "POST",
        body: { events, expectedVersion: version },
        headers: { "idempotency-key": `agri-batch-${i + 1}` },
      })
      expect(r.status, JSON.stringify(r.body)).toBe(201)
      expect(r.body.fromVersion).toBe(version + 1)
      version = r.body.toVersion
    }
    expect(version).toBe(5 + 19 + 12)

    // The checks a writer may run on its own department: no errors.
    const before = await call<{ findings: Array<Finding> }>(`${D}/checks`, writer)
    expect(before.status).toBe(200)
    const errors = before.body.findings.filter((f) => f.severity === "error")
    expect(errors, JSON.stringify(errors)).toEqual([])

    // Publish, then retry the same request: the same seal, nothing appended.
    const publish = () =>
      call<{ documentHash: string; appended: number }>(`${D}/publish`, writer, {
        method: "POST",
        body: { date: "2026-02-01" },
        headers: { "idempotency-key": "agri-publish-1" },
      })
    const sealed = await publish()
    expect(sealed.status, JSON.stringify(sealed.body)).toBe(201)
    const retried = await publish()
    expect(retried.status).toBe(200)
    expect(retried.body.documentHash).toBe(sealed.body.documentHash)
    expect(retried.body.appended).toBe(0)

    // The published document is public by its hash and downloads under a sensible name.
    const pub = await call(
      `/v1/public/departments/${AGRI.department}/years/${AGRI.year}/publications/${sealed.body.documentHash}?format=csv`,
      undefined,
    )
    expect(pub.status).toBe(200)
    expect(pub.headers.get("content-disposition")).toMatch(
      /attachment; filename="budget-disclosure-105-2026-/,
    )

    // An adjustment after publication.
    const adjusted = await call(`${D}/events`, writer, {
      method: "POST",
      body: { events: [adjustment()] },
      headers: { "idempotency-key": "agri-adjust-1" },
    })
    expect(adjusted.status, JSON.stringify(adjusted.body)).toBe(201)

    // The diff names the project's cells, each by its own row and column, with the 文号.
    const diff = await call<{ cells: Array<Cell> }>(`${D}/diff?from=published&to=current`, demo["auditor"])
    expect(diff.status).toBe(200)
    const cells = diff.body.cells
    const t12 = cells.find(
      (c) => c.table === "12" && c.rowLabel === "高标准农田建设管理" && c.column === "合计",
    )
    expect(t12, JSON.stringify(cells.map((c) => [c.table, c.rowLabel, c.column]))).toBeDefined()
    expect(Number(t12?.new) - Number(t12?.old)).toBeCloseTo(5, 2)
    expect(t12?.events.map((e) => e.documentNumber)).toContain("示财预〔2026〕18号")
    for (const c of cells) expect(c.column).not.toMatch(/^\d*$/)

    // Trace the changed cell: the project line, its appropriation and the adjustment with its 文号.
    const trace = await call<{
      matchesPrinted: boolean
      lines: Array<{ lineId: string; contributions: Array<{ documentNumber?: string }> }>
    }>(`${D}/disclosure/cells/12/${t12?.toRow}/${t12?.col}`, demo["auditor"])
    expect(trace.status).toBe(200)
    expect(trace.body.matchesPrinted).toBe(true)
    const line = trace.body.lines.find((l) => l.lineId === P1_LINE)
    expect(line?.contributions.map((c) => c.documentNumber)).toEqual([
      "示财预〔2026〕1号",
      "示财预〔2026〕18号",
    ])

    // The checks now report the declared targets no longer matching table 12 — this department's
    // own error, never labelled a known defect of the reference document.
    const after = await call<{ findings: Array<Finding> }>(`${D}/checks`, demo["auditor"])
    const r15 = after.body.findings.filter(
      (f) => f.rule === "R15" && f.place["project"] === "高标准农田建设管理",
    )
    expect(r15.length).toBeGreaterThan(0)
    for (const f of r15) expect(f.knownDefect).toBeUndefined()
  }, 300_000)
})
