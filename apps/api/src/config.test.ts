/** The API's configuration through Effect `Config`: defaults, decoding, and errors naming the variable. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { NO_KNOWN_DEFECTS } from "@ledger/audit"
import { referenceKnownDefectsPath } from "@ledger/projections/testing"
import { describe, expect, it } from "vitest"
import { configFromEnv, DEFAULT_MAX_BODY, knownDefectsOf } from "./config.ts"
import { DEFAULT_FIXTURES, DEFAULT_KNOWN_DEFECTS } from "./seed.ts"

describe("configFromEnv", () => {
  it("works with no environment at all", () => {
    expect(configFromEnv({})).toEqual({
      port: 3000,
      host: "127.0.0.1",
      databaseUrl: undefined,
      storeDir: "./.ledger",
      maxBodyBytes: DEFAULT_MAX_BODY,
      fixture: DEFAULT_FIXTURES,
      demoKeys: false,
      readDatabaseUrls: [],
      replicaWaitMs: 500,
      anchorKey: undefined,
      replayWorkers: 1,
      replayTimeoutMs: 30_000,
      headTtlMs: 1_000,
      knownDefects: DEFAULT_KNOWN_DEFECTS,
    })
  })

  it("LEDGER_KNOWN_DEFECTS names a registry file, read and decoded at start; none labels nothing", () => {
    expect(knownDefectsOf(configFromEnv({ LEDGER_FIXTURE: "other.ndjson" }))).toEqual(NO_KNOWN_DEFECTS)
    // The reference fixtures (the default) come with the reference's registry.
    expect(knownDefectsOf(configFromEnv({})).documents.map((d) => d.fiscalYear)).toEqual([2026])
    const reference = knownDefectsOf(configFromEnv({ LEDGER_KNOWN_DEFECTS: referenceKnownDefectsPath }))
    expect(reference.documents.map((d) => [d.departmentName, d.fiscalYear])).toEqual([
      ["长治市屯留区人民政府办公室", 2026],
    ])
    expect(() => knownDefectsOf({ knownDefects: "/nonexistent/known-defects.json" })).toThrow(
      /LEDGER_KNOWN_DEFECTS: cannot read \/nonexistent\/known-defects\.json/,
    )
    const dir = mkdtempSync(path.join(tmpdir(), "api-known-"))
    try {
      const bad = path.join(dir, "bad.json")
      writeFileSync(bad, JSON.stringify({ schema: "known-defects/v1", documents: [{ fiscalYear: "2026" }] }))
      expect(() => knownDefectsOf({ knownDefects: bad })).toThrow(/LEDGER_KNOWN_DEFECTS: .*documents\.0\./)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it("decodes every variable", () => {
    expect(
      configFromEnv({
        PORT: "0",
        HOST: "0.0.0.0",
        DATABASE_URL: "postgres://p",
        LEDGER_MAX_BODY: "1024",
        LEDGER_DEMO_KEYS: "1",
        LEDGER_READ_DATABASE_URL: "postgres://r1, postgres://r2",
        LEDGER_REPLICA_WAIT_MS: "20",
        LEDGER_HEAD_TTL_MS: "0",
      }),
    ).toMatchObject({
      port: 0,
      host: "0.0.0.0",
      databaseUrl: "postgres://p",
      maxBodyBytes: 1024,
      demoKeys: true,
      readDatabaseUrls: ["postgres://r1", "postgres://r2"],
      replicaWaitMs: 20,
      headTtlMs: 0,
      replayWorkers: 2,
    })
  })

  it("defaults to one replay worker on the embedded store and two on PostgreSQL, unless told", () => {
    expect(configFromEnv({}).replayWorkers).toBe(1)
    expect(configFromEnv({ DATABASE_URL: "postgres://p" }).replayWorkers).toBe(2)
    expect(configFromEnv({ LEDGER_REPLAY_WORKERS: "3" }).replayWorkers).toBe(3)
    expect(configFromEnv({ DATABASE_URL: "postgres://p", LEDGER_REPLAY_WORKERS: "0" }).replayWorkers).toBe(0)
  })

  it.each([
    [{ PORT: "65536" }, /^PORT: /],
    [{ PORT: "http" }, /^PORT: /],
    [{ LEDGER_MAX_BODY: "0" }, /^LEDGER_MAX_BODY: /],
    [{ LEDGER_DEMO_KEYS: "yes" }, /^LEDGER_DEMO_KEYS: /],
    [{ LEDGER_REPLAY_WORKERS: "-1" }, /^LEDGER_REPLAY_WORKERS: /],
    [{ LEDGER_REPLAY_TIMEOUT_MS: "0" }, /^LEDGER_REPLAY_TIMEOUT_MS: /],
    [{ LEDGER_HEAD_TTL_MS: "-1" }, /^LEDGER_HEAD_TTL_MS: /],
    [
      { LEDGER_READ_DATABASE_URL: "postgres://r" },
      /^LEDGER_READ_DATABASE_URL: read replicas need DATABASE_URL/,
    ],
  ])("refuses %j naming the variable", (env, message) => {
    expect(() => configFromEnv(env)).toThrow(message)
  })
})
