/**
 * `ledger anchor` and `ledger verify --anchor FILE` in process on the reference fixture: a signed
 * anchor written to a file agrees with the untouched store (exit 0); after the anchored head is
 * cut off the stream, verify against it exits 3 naming the stream and `tail-cut`; a wrong key is
 * `bad-signature`.
 */
import { mkdtempSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { makeMemoryEventStore } from "@ledger/eventstore"
import { fixturePath } from "@ledger/projections/testing"
import { makeLedgerService } from "@ledger/service"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import type { CommandContext } from "./context.ts"
import { commands } from "./index.ts"

const store = makeMemoryEventStore()
const dir = mkdtempSync(join(tmpdir(), "ledger-anchor-"))

const run = async (name: string, argv: ReadonlyArray<string>, key = "anchor-key") => {
  let stdout = ""
  let stderr = ""
  const ctx: CommandContext = {
    env: { LEDGER_ANCHOR_KEY: key },
    cwd: dir,
    store,
    stdout: { write: (c: string | Uint8Array) => (stdout += String(c)) },
    stderr: { write: (c: string | Uint8Array) => (stderr += String(c)) },
  }
  const command = commands[name]
  if (command === undefined) throw new Error(`no command ${name}`)
  const code = await command(argv, ctx)
  return { code, stdout, stderr }
}

describe("ledger anchor / verify --anchor", () => {
  it("agrees with the untouched store, and names a cut tail and a wrong key", async () => {
    await Effect.runPromise(
      makeLedgerService(store).importNdjson(readFileSync(fixturePath, "utf8"), { idempotencyKey: "fixture" }),
    )
    expect((await run("anchor", ["--out", "a.json"])).code).toBe(0)
    const anchor = JSON.parse(readFileSync(join(dir, "a.json"), "utf8")) as {
      heads: Array<{ streamId: string; version: number }>
      signature?: { alg: string }
    }
    expect(anchor.signature?.alg).toBe("HMAC-SHA256")
    const ok = await run("verify", ["--anchor", "a.json"])
    expect(ok.code).toBe(0)
    expect(ok.stdout).toContain(`all ${anchor.heads.length} anchored heads`)

    const wrongKey = await run("verify", ["--anchor", "a.json"], "another-key")
    expect(wrongKey.code).toBe(3)
    expect(wrongKey.stdout + wrongKey.stderr).toContain("bad-signature")

    const head = anchor.heads.find((h) => h.streamId === "002/2026")
    if (head === undefined) throw new Error("no 002/2026 head")
    store.unsafeTamper((s) => {
      s.rows = s.rows.filter((r) => !(r.streamId === head.streamId && r.version === head.version))
      const prev = s.rows.filter((r) => r.streamId === head.streamId).at(-1)
      if (prev)
        s.heads.set(head.streamId, { version: prev.version, hash: prev.hash, position: prev.position })
    })
    const cut = await run("verify", ["--anchor", "a.json"])
    expect(cut.code).toBe(3)
    expect(cut.stdout + cut.stderr).toMatch(/stream 002\/2026 .*tail-cut/)
  })
})
