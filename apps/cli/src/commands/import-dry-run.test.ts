/**
 * `ledger import FILE --dry-run` in process: it prints the versions, the changed cells and the
 * findings the import would produce, as text or JSON, and the store is left as it was.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { makeMemoryEventStore } from "@ledger/eventstore"
import { fixturePath } from "@ledger/projections/testing"
import { makeLedgerService } from "@ledger/service"
import { Effect } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import type { CommandContext } from "./context.ts"
import { commands } from "./index.ts"

const store = makeMemoryEventStore()
const service = makeLedgerService(store)
const dir = mkdtempSync(join(tmpdir(), "ledger-dry-"))

const run = async (argv: ReadonlyArray<string>) => {
  let stdout = ""
  const ctx: CommandContext = {
    env: {},
    cwd: dir,
    store,
    stdout: { write: (c: string | Uint8Array) => (stdout += String(c)) },
    stderr: { write: () => true },
  }
  const code = await (commands["import"] ?? (() => Promise.reject(new Error("no import"))))(argv, ctx)
  return { code, stdout }
}

const version = async () => (await Effect.runPromise(store.head("002/2026")))?.version ?? 0

const adjustment = JSON.stringify({
  stream: { department: "002", year: 2026 },
  type: "AdjustmentRecorded",
  schemaVersion: 1,
  occurredAt: "2026-09-01",
  idempotencyKey: "dry/cli/1",
  data: {
    adjustmentId: "T-cli-1",
    reason: "测试追加",
    documentNumber: "测〔2026〕2号",
    change: { kind: "amount", lineId: "002001-02-c", delta: "300000.00" },
  },
})

beforeAll(async () => {
  await Effect.runPromise(
    service.importNdjson(readFileSync(fixturePath, "utf8"), { idempotencyKey: "fixture", actor: "t" }),
  )
  writeFileSync(join(dir, "adjust.ndjson"), adjustment + "\n")
})

describe("ledger import --dry-run", () => {
  it("prints the versions and the changed cells, and writes nothing", async () => {
    const v = await version()
    const { stdout } = await run(["adjust.ndjson", "--dry-run"])
    expect(stdout).toContain("dry run: nothing was written")
    expect(stdout).toContain(`002/2026: would take versions ${v + 1}..${v + 1} (1 new, 0 already stored)`)
    expect(stdout).toMatch(/表1 .+ → /)
    expect(stdout).toContain("checks:")
    expect(await version()).toBe(v)
  })

  it("answers JSON with --format json, and a real import then takes those versions", async () => {
    const v = await version()
    const { stdout } = await run(["adjust.ndjson", "--dry-run", "--format", "json"])
    const plan = JSON.parse(stdout) as {
      dryRun: boolean
      streams: Array<{ fromVersion: number; diff: { cells: Array<unknown> } }>
    }
    expect(plan.dryRun).toBe(true)
    expect(plan.streams[0]?.fromVersion).toBe(v + 1)
    expect(plan.streams[0]?.diff.cells.length).toBeGreaterThan(0)
    expect(await version()).toBe(v)
    expect((await run(["adjust.ndjson", "--quiet"])).code).toBe(0)
    expect(await version()).toBe(v + 1)
  })
})
