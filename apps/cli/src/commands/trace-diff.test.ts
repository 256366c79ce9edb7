/**
 * `ledger trace` and `ledger diff` in process on the reference fixture: the provenance of a cell
 * adds back up to the printed figure and equals the service's answer, the diff between published
 * and current names the adjusted cells with the adjusting events, and bad flags are usage errors.
 */
import { readFileSync } from "node:fs"
import { makeMemoryEventStore } from "@ledger/eventstore"
import { AsOf, type CellProvenance, type Disclosure, type DisclosureDiff } from "@ledger/projections"
import { fixturePath } from "@ledger/projections/testing"
import { makeLedgerService } from "@ledger/service"
import { Effect } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import { UsageError } from "../args.ts"
import type { CommandContext } from "./context.ts"
import { commands } from "./index.ts"

const store = makeMemoryEventStore()
const service = makeLedgerService(store)
const REF = ["--department", "002", "--year", "2026"]

/** Runs a command in process; resolves with its exit code and what it printed. */
const run = async (name: string, argv: ReadonlyArray<string>) => {
  let stdout = ""
  const ctx: CommandContext = {
    env: {},
    cwd: process.cwd(),
    store,
    stdout: { write: (c: string | Uint8Array) => (stdout += String(c)) },
    stderr: { write: () => true },
  }
  const command = commands[name]
  if (command === undefined) throw new Error(`no command ${name}`)
  const code = await command(argv, ctx)
  return { code, stdout }
}

let current: Disclosure
beforeAll(async () => {
  await Effect.runPromise(
    service.importNdjson(readFileSync(fixturePath, "utf8"), { idempotencyKey: "fixture", actor: "t" }),
  )
  current = await Effect.runPromise(service.disclosure("002", 2026, AsOf.current))
})

describe("ledger trace", () => {
  it("traces every amount cell of table 1 to lines that add up to the printed figure", async () => {
    const t1 = current.tables.find((t) => t.id === "1")
    let traced = 0
    for (const [row, r] of (t1?.rows ?? []).entries()) {
      for (const [col, printed] of r.cells.entries()) {
        if (r.cellLines?.[col] == null || printed === "") continue
        const out = await run("trace", [...REF, "--cell", `1/${row}/${col}`])
        expect(out.code).toBe(0)
        const p = JSON.parse(out.stdout) as CellProvenance
        expect(p.printed).toBe(printed)
        expect(p.matchesPrinted).toBe(true)
        expect(p.documentHash).toBe(current.documentHash)
        expect(p.lines.map((l) => l.lineId).sort()).toEqual([...(r.cellLines[col] ?? [])].sort())
        const expected = await Effect.runPromise(
          service.trace("002", 2026, AsOf.current, { table: "1", row, col }),
        )
        expect(p).toEqual(JSON.parse(JSON.stringify(expected)))
        traced++
      }
    }
    expect(traced).toBeGreaterThan(5)
  })

  it("prints a readable form with --format txt, and refuses a missing or malformed --cell", async () => {
    const txt = await run("trace", [...REF, "--cell", "1/1/1", "--format", "txt", "--as-of", "published"])
    expect(txt.stdout).toMatch(/^table 1 /)
    expect(txt.stdout).toContain("documentHash")
    await expect(run("trace", [...REF])).rejects.toBeInstanceOf(UsageError)
    await expect(run("trace", [...REF, "--cell", "1-2"])).rejects.toBeInstanceOf(UsageError)
    await expect(run("trace", [...REF, "--cell", "1/1/1", "--as-of", "2026-02-30"])).rejects.toThrow(
      /--as-of "2026-02-30"/,
    )
  })

  it("a cell outside the table is a NoSuchCell failure naming what exists", async () => {
    await expect(run("trace", [...REF, "--cell", "1/9999/0"])).rejects.toMatchObject({ _tag: "NoSuchCell" })
  })
})

describe("ledger diff", () => {
  it("from published to current lists the cells the later adjustments changed, with those events", async () => {
    const out = await run("diff", REF)
    expect(out.code).toBe(0)
    const d = JSON.parse(out.stdout) as DisclosureDiff
    const published = await Effect.runPromise(service.disclosure("002", 2026, AsOf.published))
    expect(d.from).toMatchObject({ asOf: "published", documentHash: published.documentHash })
    expect(d.to).toMatchObject({ asOf: "current", documentHash: current.documentHash })
    expect(d.cells.length).toBeGreaterThan(0)
    const adjustments = new Set(
      (await Effect.runPromise(service.replay("002", 2026, AsOf.current))).events
        .filter((e) => e.meta.position > published.asOf.position && e.event.type !== "DisclosurePublished")
        .map((e) => e.meta.eventId),
    )
    for (const c of d.cells) for (const e of c.events) expect(adjustments.has(e.eventId)).toBe(true)
    expect(new Set(d.cells.flatMap((c) => c.events.map((e) => e.eventId)))).toEqual(adjustments)
  })

  it("a point against itself changes nothing; --from/--to take every as-of form", async () => {
    const same = JSON.parse(
      (await run("diff", [...REF, "--from", "current", "--to", "current"])).stdout,
    ) as DisclosureDiff
    expect(same.cells).toEqual([])
    expect(same.narrative).toEqual([])
    const txt = await run("diff", [...REF, "--from", "occurred:2026-01-25", "--format", "txt"])
    expect(txt.stdout).toMatch(/cells and \d+ sections changed\n$/)
    await expect(run("diff", [...REF, "--to", "yesterday"])).rejects.toThrow(/--to "yesterday"/)
  })
})
