/**
 * The append call straight on the pg pool as a named prepared statement: each connection parses
 * and plans `select ledger_append(…)` once, not on every call as Kysely's unnamed statements are
 * (Kysely has no named statements). Under eight single-event writers that was 30–90 µs of server
 * CPU an append (`pgbench`, prepared against unnamed). PGlite and appends inside a transaction
 * keep the Kysely call; both send the same arguments (`AppendCall`).
 */
import type pg from "pg"
import type { AppendCall } from "./append-call.ts"

const callText = (contents: string) =>
  `select ledger_append($1, $2, $3, $4::text[], $5::int[], $6::int[], $7::int[], $8::text[], $9::text[],
    $10::text[], $11::text[], $12::text[], ${contents}) as result`

/** One statement per form of the contents argument (a prepared statement's text is fixed). */
const JOINED = { name: "ledger_append_joined", text: callText("string_to_array($13::text, chr(30))") }
const ARRAY = { name: "ledger_append_array", text: callText("$13::text[]") }

/**
 * A `text[]` parameter as the literal node-postgres would write for it, `{"a","b"}`, made with one
 * join when no element has a `"` or `\` to escape (ids, keys, dates and hashes, nearly always);
 * node-postgres escapes every element with two regular-expression passes. Otherwise the array
 * itself, for node-postgres to escape.
 */
export const textArrayParam = (values: ReadonlyArray<string>): string | ReadonlyArray<string> => {
  if (values.length === 0) return "{}"
  for (const v of values) if (v.includes('"') || v.includes("\\")) return values
  return `{"${values.join('","')}"}`
}

/** An `int[]` parameter's literal, `{1,2}`. */
const intArrayParam = (values: ReadonlyArray<number>): string => `{${values.join(",")}}`

/**
 * `ledger_append` on `pool`, for {@link makeKyselyEventStore}'s `append` option.
 * @category constructors
 */
export const makePgAppendCall =
  (pool: pg.Pool) =>
  async (c: AppendCall): Promise<string | undefined> => {
    const statement = typeof c.contents === "string" ? JOINED : ARRAY
    const values = [
      c.key,
      c.requestHash,
      c.recordedAt,
      textArrayParam(c.streams),
      intArrayParam(c.expected),
      intArrayParam(c.counts),
      intArrayParam(c.dups),
      textArrayParam(c.eventIds),
      textArrayParam(c.types),
      textArrayParam(c.keys),
      textArrayParam(c.occurred),
      textArrayParam(c.bodyHashes),
      c.contents,
    ]
    return (await pool.query<{ result: string }>({ name: statement.name, text: statement.text, values }))
      .rows[0]?.result
  }
