/**
 * A seeded simulation of the ledger in the spirit of TigerBeetle's VOPR: random interleavings of
 * appends, idempotent retries, version conflicts, refused batches, publishes and reads through the
 * real service, on any store, with faults injected — an append lost before it reaches the store, an
 * acknowledgement lost after the store committed (a dropped connection), and whatever the caller's
 * `chaos` does between steps (terminating PostgreSQL backends mid-transaction), and — with
 * `killWriter` — a writer process SIGKILLed mid-batch. Clients retry with
 * the same idempotency key, as a real client must. After the run: no acknowledged event lost, none
 * duplicated, every chain verifies, every seal matches the document it names, and the replayed
 * amounts equal a reference fold (integer fen) of the acknowledged events. The same seed replays the
 * same run (`SIM_SEED`); a failure names its seed.
 *
 * @module
 */
import { readFileSync } from "node:fs"
import path from "node:path"
import { fileURLToPath } from "node:url"
import { StoreUnavailable, type EventStoreShape } from "@ledger/eventstore"
import { AsOf, buildDisclosure, foldLogged } from "@ledger/projections"
import { type AppendInput, makeLedgerService } from "@ledger/service"
import { Cause, Effect, Exit } from "effect"

const here = path.dirname(fileURLToPath(import.meta.url))
const FIXTURE = readFileSync(path.join(here, "../../fixtures/tunliu-government-office/events.ndjson"), "utf8")

/** mulberry32: a small seeded generator, so a seed is a whole run. */
const rng = (seed: number) => {
  let a = seed >>> 0
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return { next, int: (n: number) => Math.floor(next() * n), chance: (p: number) => next() < p }
}
type Rng = ReturnType<typeof rng>

/** What one run did, for the report. */
export interface SimReport {
  readonly seed: number
  readonly steps: number
  readonly acknowledged: number
  readonly refused: number
  readonly conflicts: number
  readonly faults: number
  readonly publishes: number
  /** Writer processes killed mid-run (the killed-process fault). */
  readonly kills: number
}

/** Options of a run. */
export interface SimOptions {
  readonly seed: number
  readonly steps: number
  /** A fresh, empty store. */
  readonly store: EventStoreShape
  /** Probability that an append is lost before or after the store (default 0.15 each). */
  readonly faultRate?: number
  /** Called before each step: may break the backend (terminate connections) — the run must survive it. */
  readonly chaos?: (r: Rng, step: number) => Promise<void>
  /** Called after a few failed attempts of one operation: undoes lasting faults (a statement timeout). */
  readonly heal?: () => Promise<void>
  /**
   * The killed-process fault: sends `requests` from another process and SIGKILLs it after
   * `delayMs` (from when it is connected); resolves with the idempotency keys it acknowledged first.
   */
  readonly killWriter?: (
    requests: ReadonlyArray<AppendInput>,
    delayMs: number,
  ) => Promise<ReadonlyArray<string>>
}

const fen = (amount: string): bigint => {
  const neg = amount.startsWith("-")
  const [i, f = ""] = amount.replace("-", "").split(".")
  const v = BigInt(i ?? "0") * 100n + BigInt((f + "00").slice(0, 2))
  return neg ? -v : v
}
const yuan = (v: bigint): string => {
  const neg = v < 0n
  const a = neg ? -v : v
  return `${neg ? "-" : ""}${a / 100n}.${String(a % 100n).padStart(2, "0")}`
}

/** A store whose appends are lost, before or after committing, at the given rate. */
const faulty = (store: EventStoreShape, r: Rng, rate: number, count: () => void): EventStoreShape => ({
  ...store,
  append: (requests, options) => {
    if (r.chance(rate)) {
      count()
      return Effect.fail(new StoreUnavailable({ reason: "simulated: connection dropped before the append" }))
    }
    const lostAck = r.chance(rate)
    return Effect.flatMap(store.append(requests, options), (result) => {
      if (!lostAck) return Effect.succeed(result)
      count()
      return Effect.fail(new StoreUnavailable({ reason: "simulated: acknowledgement lost after commit" }))
    })
  },
})

const tagOf = (exit: Exit.Exit<unknown, unknown>): string | undefined => {
  if (Exit.isSuccess(exit)) return undefined
  const fail = exit.cause.reasons.find((x) => x._tag === "Fail")
  if (fail?._tag === "Fail") return (fail.error as { _tag?: string })._tag ?? "Error"
  throw new Error(`unexpected defect: ${Cause.pretty(exit.cause)}`)
}

/** Runs one seeded simulation; throws with `SIM_SEED=<seed>` in the message when an invariant breaks. */
export const simulate = async (options: SimOptions): Promise<SimReport> => {
  const r = rng(options.seed)
  let faults = 0
  const store = faulty(options.store, r, options.faultRate ?? 0.15, () => faults++)
  const service = makeLedgerService(store)
  const fail = (what: string): never => {
    throw new Error(`simulation invariant broken (SIM_SEED=${options.seed}): ${what}`)
  }
  /** Retries an effect while the store is unavailable, as a client with an idempotency key does. */
  const withRetry = async <A, E>(effect: Effect.Effect<A, E>): Promise<Exit.Exit<A, E>> => {
    for (let attempt = 0; attempt < 50; attempt++) {
      const exit = await Effect.runPromiseExit(effect)
      if (tagOf(exit) !== "StoreUnavailable") return exit
      if (attempt === 3) await options.heal?.()
    }
    return fail("the store stayed unavailable for 50 attempts")
  }

  const imported = await withRetry(service.importNdjson(FIXTURE, { idempotencyKey: "sim:fixture" }))
  if (Exit.isFailure(imported)) fail(`fixture import failed: ${tagOf(imported)}`)
  const start = foldLogged(await Effect.runPromise(service.loggedEvents("002", 2026)))
  /** The reference fold: amounts in fen by line, moved only by acknowledged events. */
  const amounts = new Map([...start.lines].map(([id, l]) => [id, fen(l.amount)]))
  const lineIds = [...amounts.keys()]
  const acknowledged = new Map<string, string>() // idempotency key → what it did
  const sent: Array<AppendInput> = []
  let version = start.version
  let refused = 0
  let conflicts = 0
  let publishes = 0
  let kills = 0
  /** Books an acknowledged request into the reference fold. */
  const acknowledge = (input: AppendInput) => {
    for (const e of input.events as ReadonlyArray<ReturnType<typeof adjustment>>) {
      acknowledged.set(e.idempotencyKey, "adjustment")
      amounts.set(e.data.change.lineId, (amounts.get(e.data.change.lineId) ?? 0n) + fen(e.data.change.delta))
    }
    sent.push(input)
  }

  const adjustment = (n: number, lineId: string, delta: string) => ({
    stream: { department: "002", year: 2026 },
    type: "AdjustmentRecorded",
    schemaVersion: 1,
    occurredAt: "2026-06-01",
    idempotencyKey: `sim/${options.seed}/${n}`,
    data: {
      adjustmentId: `SIM-${n}`,
      reason: "模拟追加",
      documentNumber: "模拟〔2026〕1号",
      change: { kind: "amount", lineId, delta },
    },
  })

  for (let step = 0; step < options.steps; step++) {
    await options.chaos?.(r, step)
    const op = r.int(10)
    if (op === 9 && options.killWriter !== undefined) {
      // A writer process killed at a seeded moment: what it acknowledged must be stored once; what
      // it did not, its client sends again with the same idempotency key — stored exactly once.
      const requests: Array<AppendInput> = Array.from({ length: 3 }, (_, q) => ({
        department: "002",
        year: 2026,
        events: Array.from({ length: 50 }, (_, i) =>
          adjustment(
            100_000 + step * 1_000 + q * 100 + i,
            lineIds[r.int(lineIds.length)] ?? "",
            yuan(BigInt(1 + r.int(1_000))),
          ),
        ),
        idempotencyKey: `sim/${options.seed}/killed/${step}/${q}`,
        expectedVersion: { _tag: "Any" },
      }))
      const acked = new Set(await options.killWriter(requests, r.int(60)))
      kills++
      for (const input of requests) {
        if (!acked.has(input.idempotencyKey)) {
          const exit = await withRetry(service.append(input))
          if (tagOf(exit) !== undefined) fail(`the retry after a killed writer failed with ${tagOf(exit)}`)
        }
        acknowledge(input)
      }
      version = (await Effect.runPromise(options.store.head("002/2026")))?.version ?? version
    } else if (op <= 4) {
      // An append of 1–3 adjustments: sometimes against a stale version, sometimes breaking a rule.
      const size = 1 + r.int(3)
      const bad = r.chance(0.1)
      const events = Array.from({ length: size }, (_, i) =>
        adjustment(
          step * 10 + i,
          bad && i === size - 1 ? "no-such-line" : (lineIds[r.int(lineIds.length)] ?? ""),
          yuan(BigInt(1 + r.int(100_000))),
        ),
      )
      const stale = r.chance(0.2)
      const key = `sim/${options.seed}/req/${step}`
      const input: AppendInput = {
        department: "002",
        year: 2026,
        events,
        idempotencyKey: key,
        expectedVersion: r.chance(0.5)
          ? { _tag: "Exact", version: stale ? version - 1 : version }
          : { _tag: "Any" },
      }
      const exit = await withRetry(service.append(input))
      const tag = tagOf(exit)
      if (tag === undefined) {
        acknowledge(input)
        version += events.length
      } else if (tag === "StreamVersionConflict") {
        if (!stale) fail(`a version conflict at the current version ${version}`)
        conflicts++
      } else if (tag === "BatchRejected") {
        if (!bad) fail("a valid batch was refused")
        refused++
      } else fail(`append failed with ${tag}`)
    } else if (op <= 6 && sent.length > 0) {
      // An idempotent retry of an acknowledged request: accepted, nothing new written.
      const again = sent[r.int(sent.length)] as (typeof sent)[number]
      const exit = await withRetry(service.append(again))
      if (tagOf(exit) !== undefined) fail(`an idempotent retry failed with ${tagOf(exit)}`)
    } else if (op === 7) {
      const exit = await withRetry(service.publish("002", 2026, { actor: "sim", occurredAt: "2026-06-02" }))
      const tag = tagOf(exit)
      if (tag === undefined) publishes++
      else if (tag !== "StreamVersionConflict") fail(`publish failed with ${tag}`)
      // A publication whose acknowledgement was lost is published again on retry: read the head.
      version = (await Effect.runPromise(options.store.head("002/2026")))?.version ?? version
    } else {
      // A read: the replayed amounts equal the reference fold of what was acknowledged.
      const exit = await withRetry(service.loggedEvents("002", 2026))
      if (Exit.isFailure(exit)) fail(`read failed with ${tagOf(exit)}`)
      else checkAmounts(foldLogged(exit.value).lines, amounts, fail)
    }
  }

  // After the run, on the store without injected faults.
  const events = await Effect.runPromise(options.store.readStream("002/2026"))
  const keys = new Map<string, number>()
  for (const e of events) keys.set(e.idempotencyKey, (keys.get(e.idempotencyKey) ?? 0) + 1)
  for (const key of acknowledged.keys()) if (!keys.has(key)) fail(`acknowledged event ${key} is lost`)
  for (const [key, n] of keys) if (n > 1) fail(`event ${key} is stored ${n} times`)
  if (new Set(events.map((e) => e.eventId)).size !== events.length) fail("an event id is stored twice")
  const verified = await Effect.runPromise(options.store.verify())
  if (!verified.ok) fail(`the chain does not verify: ${JSON.stringify(verified)}`)
  const logged = await Effect.runPromise(makeLedgerService(options.store).loggedEvents("002", 2026))
  for (const e of logged) {
    if (e.event.type !== "DisclosurePublished") continue
    const seal = e.event.data
    if (seal.documentHash === undefined) continue // imported without a seal (the fixture's own)
    const built = buildDisclosure(logged, AsOf.position(seal.position ?? -1))
    if (built._tag === "Failure" || built.success.documentHash !== seal.documentHash)
      fail(`the publication at position ${e.meta.position} does not match its seal`)
  }
  checkAmounts(foldLogged(logged).lines, amounts, fail)
  return {
    seed: options.seed,
    steps: options.steps,
    acknowledged: acknowledged.size,
    refused,
    conflicts,
    faults,
    publishes,
    kills,
  }
}

const checkAmounts = (
  lines: ReadonlyMap<string, { readonly amount: string }>,
  amounts: ReadonlyMap<string, bigint>,
  fail: (what: string) => never,
): void => {
  for (const [id, expected] of amounts) {
    const got = lines.get(id)?.amount
    if (got === undefined || fen(got) !== expected)
      fail(`line ${id} replays to ${got}, the reference fold says ${yuan(expected)}`)
  }
}
