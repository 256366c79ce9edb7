/**
 * The harness of the tests that pin a rewrite of `ledger_append` to the function it replaces: two
 * embedded databases (one on the old migration, one on the new), one script of calls run on both,
 * and the answers and stored rows compared. Each test file keeps its own call shape (the function's
 * arguments changed between migrations); what every one of them repeats lives here.
 */
import { Effect } from "effect"
import { sql } from "kysely"
import type { Kysely } from "kysely"
import { afterAll, beforeAll, expect } from "vitest"
import type { Database } from "../database.ts"
import { makeKyselyEventStore } from "../kysely-store.ts"
import { KNOWN_SCHEMA_VERSION, migrate } from "../migrate.ts"
import { openPglite } from "../pglite-store.ts"

/** An event of a call: its key, its body (for the body hash) and, when given, its own content. */
export interface Ev {
  readonly key: string
  readonly body: string
  readonly content?: string
}

/** One `ledger_append` call; arrays are per stream (`streams`…) and per event. */
export interface Call {
  readonly key: string
  readonly streams: ReadonlyArray<string>
  readonly expected: ReadonlyArray<number>
  readonly counts: ReadonlyArray<number>
  readonly events: ReadonlyArray<Ev>
}

/** `n` events `prefix-0…` with bodies `body0…`. */
export const events = (prefix: string, n: number, body = "b"): ReadonlyArray<Ev> =>
  Array.from({ length: n }, (_, i) => ({ key: `${prefix}-${i}`, body: `${body}${i}` }))

/** What a call answered: its result text, or its error's message, code and detail (compared as data). */
export const answerOf = async (call: () => Promise<string | undefined>): Promise<unknown> => {
  try {
    return await call()
  } catch (error) {
    const e = error as { message?: string; code?: string; detail?: string }
    return { error: e.message, code: e.code, detail: e.detail }
  }
}

/** Drops everything and migrates `db` up to and including migration `last` (all when undefined). */
export const fresh = async (db: Kysely<Database>, last?: string): Promise<number> => {
  await sql`drop schema public cascade`.execute(db)
  await sql`create schema public`.execute(db)
  return Effect.runPromise(migrate(db, last))
}

/**
 * Two in-memory databases for the file, started once in `beforeAll` (two PGlite starts on a loaded
 * machine count against the hook, not a test) and closed in `afterAll`.
 */
export const pglitePair = (): {
  readonly old: () => Promise<Kysely<Database>>
  readonly current: () => Promise<Kysely<Database>>
} => {
  const old = Effect.runPromise(openPglite({}))
  const current = Effect.runPromise(openPglite({}))
  beforeAll(() => Promise.all([old, current]), 120_000)
  afterAll(async () => {
    await Promise.all([(await old).db.destroy(), (await current).db.destroy()])
  })
  return { old: async () => (await old).db, current: async () => (await current).db }
}

/**
 * Runs `script` on the new and the old database, call by call, expecting the same answer from both;
 * returns the answers (an error's answer is an object, a result is its text).
 */
export const sameAnswers = async (
  script: ReadonlyArray<Call>,
  outcome: (db: Kysely<Database>, c: Call) => Promise<unknown>,
  older: Kysely<Database>,
  newer: Kysely<Database>,
): Promise<ReadonlyArray<unknown>> => {
  const outcomes: Array<unknown> = []
  for (const c of script) {
    const result = await outcome(newer, c)
    expect(result).toEqual(await outcome(older, c))
    outcomes.push(result)
  }
  return outcomes
}

/** The error messages among `outcomes`, in order. */
export const errorsOf = (outcomes: ReadonlyArray<unknown>): ReadonlyArray<string | undefined> =>
  outcomes.filter((o) => typeof o === "object").map((o) => (o as { error?: string }).error)

/** The store's full chain check over `db` passes (every test ends its comparison with it). */
export const expectVerifies = async (db: Kysely<Database>): Promise<void> => {
  const store = makeKyselyEventStore(db, { destroy: () => Promise.resolve() })
  expect(await Effect.runPromise(store.verify())).toMatchObject({ ok: true })
}

/**
 * Migrates `db`, a database on the old migration whose `script` has run, to the newest schema and
 * expects what every forward-migration test expects: its rows unchanged and every call that
 * answered a result answering the same again (a replay from the events it wrote). The file goes on
 * with its own next call.
 */
export const expectMigratesForward = async <C>(
  db: Kysely<Database>,
  script: ReadonlyArray<C>,
  outcome: (db: Kysely<Database>, c: C) => Promise<unknown>,
  rows: (db: Kysely<Database>) => Promise<string>,
): Promise<void> => {
  const before = await rows(db)
  const answers = await Promise.all(script.map((c) => outcome(db, c)))
  expect(await Effect.runPromise(migrate(db))).toBe(KNOWN_SCHEMA_VERSION)
  expect(await rows(db)).toBe(before)
  for (const [i, c] of script.entries())
    if (typeof answers[i] === "string") expect(await outcome(db, c)).toEqual(answers[i])
}
