/**
 * `tsx src/bin/migrate.ts <owner-url> [app-role]`: migrates the database as its owner and, when
 * given, grants the application role its append-only privileges. Used by infra/postgres/ensure.sh.
 */
import { Effect } from "effect"
import { grantAppRole } from "../grants.ts"
import { migrate } from "../migrate.ts"
import { makePgKysely } from "../pg-store.ts"

const [url, appRole] = process.argv.slice(2)
if (url === undefined) {
  console.error("usage: migrate.ts <owner-connection-url> [app-role]")
  process.exit(2)
}
const db = makePgKysely({ connectionString: url, maxConnections: 1 })
try {
  const version = await Effect.runPromise(migrate(db))
  if (appRole !== undefined) await grantAppRole(db, appRole)
  console.log(`ledger schema at version ${version}${appRole === undefined ? "" : `; granted ${appRole}`}`)
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
} finally {
  await db.destroy()
}
