/**
 * The process runtime owns the store: a start that fails after the store opened (here, a missing
 * fixture) disposes the runtime, so the embedded store's folder lock is released and the next start
 * on the same folder opens it; `close()` releases it likewise.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { configFromEnv } from "./config.ts"
import { startApi } from "./server.ts"

const dir = mkdtempSync(join(tmpdir(), "ledger-api-start-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe("startApi's runtime", () => {
  it("closes the store when the start fails, and on close", async () => {
    const missing = join(dir, "no-such-fixture.ndjson")
    await expect(
      startApi(configFromEnv({ PORT: "0", LEDGER_STORE: dir, LEDGER_FIXTURE: missing })),
    ).rejects.toThrow(/no-such-fixture/)
    expect(existsSync(join(dir, "ledger.lock"))).toBe(false)
    const api = await startApi(configFromEnv({ PORT: "0", LEDGER_STORE: dir }), { seed: false })
    expect(existsSync(join(dir, "ledger.lock"))).toBe(true)
    expect((await fetch(`${api.url}/v1/health`)).status).toBe(200)
    await api.close()
    expect(existsSync(join(dir, "ledger.lock"))).toBe(false)
  }, 120_000)
})
