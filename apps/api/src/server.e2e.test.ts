/**
 * The real server on a free loopback port over a fresh embedded (PGlite) store: it seeds the
 * fixture, prints working demo keys, serves a disclosure with its ETag and 304, and survives a
 * restart on the same folder without re-importing.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { configFromEnv } from "./config.ts"
import { startApi } from "./server.ts"
import type { RunningApi } from "./server.ts"

const dir = mkdtempSync(join(tmpdir(), "ledger-api-e2e-"))
const config = configFromEnv({ PORT: "0", LEDGER_STORE: dir })
let api: RunningApi | undefined

afterAll(async () => {
  await api?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe("pnpm start (embedded store)", () => {
  it("serves the fixture over HTTP with the demo keys, then restarts on the same store", async () => {
    api = await startApi(config)
    expect(api.imported).toBeGreaterThan(0)
    expect(api.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const auth = { authorization: `Bearer ${api.demoKeys.auditor ?? ""}` }
    const PATH = "/v1/departments/002/years/2026/disclosure?asOf=published"
    const url = `${api.url}${PATH}`
    const first = await fetch(url, { headers: auth })
    expect(first.status).toBe(200)
    const etag = first.headers.get("etag") ?? ""
    const body = (await first.json()) as { documentHash: string; priorYearSource?: { kind: string } }
    expect(etag).toBe(`"${body.documentHash}"`)
    // 2025 was loaded (and published) first, so 2026 compares with that publication.
    expect(body.priorYearSource).toMatchObject({ kind: "publication", year: 2025 })
    expect((await fetch(url, { headers: { ...auth, "if-none-match": etag } })).status).toBe(304)
    expect((await fetch(url)).status).toBe(401)
    const append = await fetch(`${api.url}/v1/departments/002/years/2026/events`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${api.demoKeys.writer ?? ""}`,
        "content-type": "application/json",
        "idempotency-key": "e2e",
      },
      body: "{not json",
    })
    expect(append.status).toBe(400)
    expect((await fetch(`${api.url}/v1/openapi.json`)).status).toBe(200)
    const keys = api.demoKeys
    await api.close()

    api = await startApi(config)
    expect(api.imported).toBe(0)
    expect(api.demoKeys).toEqual(keys)
    const again = await fetch(`${api.url}${PATH}`, {
      headers: { authorization: `Bearer ${keys.auditor ?? ""}`, "if-none-match": etag },
    })
    expect(again.status).toBe(304)
  }, 400_000)
})
