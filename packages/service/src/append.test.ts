/**
 * Appends to one stream that arrive together are checked against the state the write ahead of them
 * expects to leave, before it has landed (append.ts, write-chain.ts). Whatever that write does —
 * lands, is refused by the store's version check, is refused by the rules, skips events already
 * stored — every append answers, and the log ends, exactly as when the same appends run one after
 * another in the same order.
 */
import { Expected, makeMemoryEventStore, StoreUnavailable, StreamVersionConflict } from "@ledger/eventstore"
import type { EventStoreShape } from "@ledger/eventstore"
import { fixtureText } from "@ledger/projections/testing"
import { Effect, Result } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import type { AppendInput } from "./append.ts"
import { BatchRejected } from "./errors.ts"
import { makeLedgerService } from "./ledger-service.ts"

const lines = fixtureText()
  .trimEnd()
  .split("\n")
  .map((l) => JSON.parse(l) as Record<string, unknown> & { type: string })
  // Publications are made only by the publish operation, never appended as events.
  .filter((e) => e.type !== "DisclosurePublished")
const department = "002"
const year = 2026

/**
 * A store whose appends take a moment, so the appends behind one are checked while it writes. An
 * append under a request key starting `raced-` loses a race: another process appends the same
 * events first under other idempotency keys (the same number of events, so the stream reaches the
 * version the loser would have), and the loser is refused as a stale expectation; one under a key
 * starting `lost-` fails as if the database went away, writing nothing.
 */
const slow = (store: EventStoreShape): EventStoreShape => ({
  ...store,
  append: (requests, options) =>
    Effect.andThen(Effect.sleep("1 millis"), () => {
      const request = [requests].flat()[0]
      if (options.idempotencyKey.startsWith("lost-"))
        return Effect.fail(new StoreUnavailable({ reason: "connection lost" }))
      if (request === undefined || !options.idempotencyKey.startsWith("raced-"))
        return store.append(requests, options)
      const events = request.events.map((e) => ({ ...e, idempotencyKey: `other/${e.idempotencyKey}` }))
      return Effect.flatMap(
        store.append(
          { ...request, expectedVersion: Expected.any, events },
          { idempotencyKey: `other-${options.idempotencyKey}` },
        ),
        (won) =>
          Effect.fail(
            new StreamVersionConflict({
              streamId: request.streamId,
              expected: Expected.exact((won.streams[0]?.fromVersion ?? 1) - 1),
              actual: won.streams[0]?.toVersion ?? 0,
            }),
          ),
      )
    }),
})

/** What an append answered, comparable across runs. */
const outcomeOf = (r: Result.Result<unknown, unknown>): unknown => {
  if (Result.isSuccess(r)) return r.success
  const e = r.failure
  if (e instanceof BatchRejected) return { tag: e._tag, kind: e.kind, issues: e.issues }
  return e
}

const logOf = async (store: EventStoreShape) =>
  (await Effect.runPromise(store.readStream(`${department}/${year}`))).map((e) => [
    e.version,
    e.eventId,
    e.idempotencyKey,
  ])

/** The same appends one after another, and all at once, each on a fresh store. */
const bothWays = async (inputs: ReadonlyArray<AppendInput>) => {
  const one = makeMemoryEventStore()
  const serial = makeLedgerService(slow(one))
  const inOrder: Array<unknown> = []
  for (const input of inputs)
    inOrder.push(outcomeOf(await Effect.runPromise(Effect.result(serial.append(input)))))
  const all = makeMemoryEventStore()
  const together = makeLedgerService(slow(all))
  const atOnce = await Effect.runPromise(
    Effect.all(
      inputs.map((input) => Effect.result(together.append(input))),
      { concurrency: "unbounded" },
    ),
  )
  return {
    inOrder,
    atOnce: atOnce.map(outcomeOf),
    logInOrder: await logOf(one),
    logAtOnce: await logOf(all),
  }
}

const base = (events: ReadonlyArray<unknown>, key: string): AppendInput => ({
  department,
  year,
  events,
  idempotencyKey: key,
})

describe("appends that arrive together", () => {
  it("answer and write as one after another, whatever the append ahead of each does", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 1, max: lines.length - 1 }), { minLength: 2, maxLength: 7 }),
        fc.array(fc.constantFrom("plain", "exact", "stale", "broken", "retry", "raced", "lost"), {
          minLength: 8,
          maxLength: 8,
        }),
        async (cuts, how) => {
          const bounds = [0, ...[...cuts].sort((a, b) => a - b), lines.length]
          const inputs: Array<AppendInput> = []
          for (let i = 0; i + 1 < bounds.length; i++) {
            const from = bounds[i] ?? 0
            const events = lines.slice(from, bounds[i + 1])
            const kind = how[i] ?? "plain"
            const input = base(events, `chunk-${i}`)
            if (kind === "exact") inputs.push({ ...input, expectedVersion: Expected.exact(from) })
            else if (kind === "stale") inputs.push({ ...input, expectedVersion: Expected.exact(from + 1) })
            else if (kind === "broken")
              inputs.push({
                ...input,
                events: events.map((e, j) => (j === 0 ? { ...e, occurredAt: "soon" } : e)),
              })
            else if (kind === "retry" && i > 0)
              // The chunk before again and this one, under a new request key: stored events are skipped.
              inputs.push(base(lines.slice(bounds[i - 1], bounds[i + 1]), `again-${i}`))
            else if (kind === "raced" || kind === "lost") inputs.push(base(events, `${kind}-${i}`))
            else inputs.push(input)
          }
          const { inOrder, atOnce, logInOrder, logAtOnce } = await bothWays(inputs)
          expect(atOnce).toEqual(inOrder)
          expect(logAtOnce).toEqual(logInOrder)
        },
      ),
      { numRuns: 25 },
    )
  })

  it("refuses what depends on an append that failed, although it was checked against that append", async () => {
    const units = lines.findIndex((e) => e.type === "ProjectRegistered")
    const { inOrder, atOnce, logAtOnce } = await bothWays([
      // The registrations never reach the store…
      base(lines.slice(0, units), "lost-units"),
      // …so the rest, which names their units, breaks the rules.
      base(lines.slice(units), "rest"),
    ])
    expect(atOnce).toEqual(inOrder)
    expect(atOnce[0]).toMatchObject({ _tag: "StoreUnavailable" })
    expect(atOnce[1]).toMatchObject({ tag: "BatchRejected", kind: "rule-violation" })
    expect(logAtOnce).toEqual([])
  })

  it("checks again when the stream reached the expected version with another writer's events", async () => {
    const cut = 20
    const { inOrder, atOnce, logInOrder, logAtOnce } = await bothWays([
      base(lines.slice(0, cut), "first"),
      // Another process writes these events under other keys, and this append is refused…
      base(lines.slice(cut, cut + 10), "raced-1"),
      // …so their keys are not stored when these are re-sent: their event ids are taken.
      base(lines.slice(cut, cut + 20), "again"),
    ])
    expect(atOnce).toEqual(inOrder)
    expect(atOnce[2]).toMatchObject({ tag: "BatchRejected", kind: "rule-violation" })
    expect(JSON.stringify(atOnce[2])).toContain("DuplicateEventId")
    expect(logAtOnce).toEqual(logInOrder)
    expect(logAtOnce).toHaveLength(cut + 10)
  })
})
