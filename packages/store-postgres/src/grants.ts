/**
 * Privileges of the application role: it reads everything and appends events only through
 * `ledger_append` (SECURITY DEFINER since migration 3, so it runs as the owner and stamps
 * `recordedAt` with the database clock) and the bulk pair `ledger_copy_begin`/`ledger_copy_commit`
 * (migration 5, likewise). The role holds no INSERT, UPDATE, DELETE or TRUNCATE on
 * `events`, `streams` or `append_requests`, so it can neither change history nor back-date or
 * forge an append, even if the owner disables the guard trigger. Run by the owner after migrating.
 */
import { sql } from "kysely"
import type { Kysely } from "kysely"
import type { Database } from "./database.ts"

/** The append function's signature, as GRANT names it. */
const APPEND_SIGNATURE = sql.raw(
  "ledger_append(text, text, text, text[], integer[], integer[], integer[], text[], text[], text[], text[], text[], text[])",
)

/**
 * Grants `role` exactly what the store needs, revoking anything an older release granted. Idempotent.
 * @category constructors
 */
export const grantAppRole = async (db: Kysely<Database>, role: string): Promise<void> => {
  const r = sql.id(role)
  const statements = [
    sql`grant usage on schema public to ${r}`,
    sql`revoke all on events, streams, append_requests from ${r}`,
    sql`revoke all on sequence events_position_seq, ledger_clock_seq from ${r}`,
    sql`grant select on events, streams, ledger_schema, kysely_migration, kysely_migration_lock to ${r}`,
    sql`grant execute on function ${APPEND_SIGNATURE} to ${r}`,
    sql`grant execute on function ledger_copy_begin(text[], integer[], integer[], text[], text[]), ledger_copy_commit() to ${r}`,
  ]
  for (const statement of statements) await statement.execute(db)
}
