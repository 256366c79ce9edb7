/**
 * One as-of for every interface: an embedded store gets the reference fixture and then one more
 * appropriation (the "noon" event, occurring 2026-09-01). The store's database clock stamps
 * `recordedAt` (it cannot be set by a writer), so the instant forms are taken from the times it
 * actually recorded: the noon event's instant, the millisecond before it, the Shanghai day it was
 * recorded on and the day before (when nothing was recorded yet). For every string form — current,
 * published, a position, an instant, a bare date, occurred:DATE — the API's `?asOf=` and the real
 * command line's `--as-of` (a child process on the same store) give the same answer, and the forms
 * mean what docs/cli.md says.
 */
import { execFile } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { fileURLToPath } from "node:url"
import { makePgliteEventStore } from "@ledger/store-postgres"
import { Effect } from "effect"
import { TestClock } from "effect/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { FIXTURE_TEXT, makeHarness } from "./testing-fixtures/harness.ts"
import { newAppropriation } from "./testing-fixtures/requests.ts"

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url))
const dir = mkdtempSync(path.join(tmpdir(), "ledger-as-of-"))
const dataDir = path.join(dir, "store")

/** Runs an effect with the Effect clock standing at `iso`. */
const at = <A, E>(iso: string, effect: Effect.Effect<A, E>): Promise<A> =>
  Effect.runPromise(
    Effect.gen(function* () {
      yield* TestClock.setTime(Date.parse(iso))
      return yield* effect
    }).pipe(Effect.provide(TestClock.layer())),
  )

/** `ledger disclosure --as-of FORM` on the store, in a child process as a user runs it. */
const cli = (asOf: string): Promise<{ code: number; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    execFile(
      path.join(repoRoot, "node_modules/.bin/tsx"),
      [
        path.join(repoRoot, "apps/cli/src/main.ts"),
        "disclosure",
        ...["--department", "002", "--year", "2026", "--as-of", asOf, "--store", dataDir],
      ],
      { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, DATABASE_URL: "" } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    )
  })

const hashOf = (json: string): string => (JSON.parse(json) as { documentHash: string }).documentHash

/** Hashes the API gave, by form. */
const api = new Map<string, string>()
let positionBeforeNoon = 0

// Forms in the order the table of docs/cli.md gives them; the last four cross the noon event.
const FORMS = {
  current: "current",
  published: "published",
  position: "", // the position before the noon event, set once it is known
  instantAfterNoon: "", // the noon event's recordedAt
  instantBeforeNoon: "", // one millisecond before it, written with the +08:00 offset
  dayOfNoon: "", // the Shanghai date it was recorded on
  dayBefore: "", // the Shanghai day before: nothing was recorded yet
  occurredDayBefore: "occurred:2026-08-31",
}

/** The Shanghai calendar date of an instant. */
const shanghaiDate = (ms: number): string => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10)
/** An instant written with the +08:00 offset. */
const shanghaiInstant = (ms: number): string =>
  `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 23)}+08:00`
/** API status by form (the day before answers 404: no event was recorded by then). */
const apiStatus = new Map<string, number>()

beforeAll(async () => {
  const store = await Effect.runPromise(makePgliteEventStore({ dataDir }))
  try {
    const h = await makeHarness({ store, fixture: false })
    await at(
      "2026-08-31T01:00:00Z",
      h.service.importNdjson(FIXTURE_TEXT, { idempotencyKey: "fixture", actor: "fixture-import" }),
    )
    const before = await Effect.runPromise(h.store.head("002/2026"))
    positionBeforeNoon = before?.position ?? 0
    FORMS.position = String(positionBeforeNoon)
    await new Promise((r) => setTimeout(r, 20)) // the noon event is recorded strictly later
    await at(
      "2026-09-01T04:00:00Z",
      h.service.append({
        department: "002",
        year: 2026,
        events: [{ ...newAppropriation("noon"), occurredAt: "2026-09-01" }],
        idempotencyKey: "noon",
      }),
    )
    const log = await Effect.runPromise(h.store.readStream("002/2026"))
    const noon = Date.parse(log.at(-1)?.recordedAt ?? "")
    expect(noon).toBeGreaterThan(Date.parse(log.at(-2)?.recordedAt ?? ""))
    FORMS.instantAfterNoon = new Date(noon).toISOString()
    FORMS.instantBeforeNoon = shanghaiInstant(noon - 1)
    FORMS.dayOfNoon = shanghaiDate(noon)
    FORMS.dayBefore = shanghaiDate(noon - 86_400_000)
    for (const form of Object.values(FORMS)) {
      const r = await h.call(`/v1/departments/002/years/2026/disclosure?asOf=${encodeURIComponent(form)}`, {
        key: h.keys.auditor,
      })
      apiStatus.set(form, r.status)
      expect(r.status, form).toBe(form === FORMS.dayBefore ? 404 : 200)
      if (r.status === 200) api.set(form, hashOf(await r.text()))
    }
    const impossible = await h.call(`/v1/departments/002/years/2026/disclosure?asOf=2026-02-30`, {
      key: h.keys.auditor,
    })
    expect(impossible.status).toBe(422)
    expect(await impossible.json()).toMatchObject({ issues: [{ path: "query.asOf" }] })
  } finally {
    await Effect.runPromise(store.close())
  }
}, 300_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe("as-of is one thing in the API and on the command line", () => {
  it("every form gives the same documentHash through both interfaces", async () => {
    for (const form of Object.values(FORMS)) {
      const r = await cli(form)
      if (form === FORMS.dayBefore) {
        // Nothing recorded by then: both interfaces refuse rather than print an empty document.
        expect(r.code, form).not.toBe(0)
        expect(r.stdout, form).toBe("")
        continue
      }
      expect(r.stderr, form).toBe("")
      expect(hashOf(r.stdout), form).toBe(api.get(form))
    }
  }, 600_000)

  it("the forms mean what the docs say: a bare date is the end of that day in Shanghai", () => {
    const hash = (form: string) => api.get(form)
    // the noon event is in the current state, and in every point at or after noon
    expect(hash(FORMS.instantAfterNoon)).toBe(hash(FORMS.current))
    expect(hash(FORMS.dayOfNoon)).toBe(hash(FORMS.current))
    // and in none before it
    expect(hash(FORMS.position)).not.toBe(hash(FORMS.current))
    for (const before of [FORMS.instantBeforeNoon, FORMS.occurredDayBefore])
      expect(hash(before), before).toBe(hash(FORMS.position))
    // the day before the noon event was recorded holds nothing yet
    expect(apiStatus.get(FORMS.dayBefore)).toBe(404)
    expect(hash(FORMS.published)).not.toBe(hash(FORMS.position))
  })

  it("an impossible date is a usage error naming --as-of on the command line", async () => {
    const r = await cli("2026-02-30")
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('--as-of "2026-02-30"')
  }, 120_000)
})
