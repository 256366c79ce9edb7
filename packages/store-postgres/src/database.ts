/**
 * The Kysely view of the store's tables. Numeric and bigint columns stay strings, as pg returns
 * them; the store converts positions with `Number` (exact up to 2^53).
 */
import type { ColumnType, Generated } from "kysely"

/** `events`: one row per stored event; never updated or deleted (trigger + grants). @category models */
export interface EventsTable {
  position: ColumnType<string, string | number, never>
  /** The stream's department code: the leading column of every key (partitioning, distribution). */
  department: string
  /** The stream's fiscal year (0 for system streams): the partition key. */
  fiscal_year: number
  stream_id: string
  version: number
  event_id: string
  type: string
  idempotency_key: string
  occurred_key: string
  recorded_at: string
  body_hash: string
  canonical: string
  prev_hash: string
  hash: string
  transaction_id: Generated<string>
  /** The append's idempotency key and request hash, on the first event it wrote (schema 6); else null. */
  request_key: string | null
  request_hash: string | null
}

/** `streams`: each stream's head as of its last append. @category models */
export interface StreamsTable {
  department: string
  fiscal_year: number
  stream_id: string
  version: number
  head_hash: string
  head_position: ColumnType<string, string | number, string | number>
}

/**
 * `append_requests`: append-level idempotency keys and the result they replay — every append
 * before schema 6, since then only an append that wrote no event. @category models
 */
export interface AppendRequestsTable {
  idempotency_key: string
  request_hash: string
  result: string
  created_at: Generated<Date>
}

/** `ledger_schema`: the single row recording the schema version the migrations reached. @category models */
export interface LedgerSchemaTable {
  id: number
  version: number
  /** Events after this position were stamped by the database clock (migration 3). */
  clock_from_position: ColumnType<string, string | number, string | number>
  migrated_at: Generated<Date>
}

/** `ledger_archived_years`: fiscal years whose partitions are detached from the log (schema 4). @category models */
export interface LedgerArchivedYearsTable {
  fiscal_year: number
  detached_at: ColumnType<Date, never, never>
  streams: number
  events: ColumnType<string, number, never>
  last_position: ColumnType<string | null, number | null, never>
}

/** The whole database. @category models */
export interface Database {
  events: EventsTable
  streams: StreamsTable
  append_requests: AppendRequestsTable
  ledger_schema: LedgerSchemaTable
  ledger_archived_years: LedgerArchivedYearsTable
}
