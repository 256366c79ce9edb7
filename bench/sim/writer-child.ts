/**
 * The killed process of the simulation: a separate writer that opens the PostgreSQL store and sends
 * its append requests one after another through the real service, printing `ready` once connected
 * and `ack <idempotencyKey>` after each acknowledged append. The simulation SIGKILLs it at a seeded
 * moment, so a kill lands before, inside or after a transaction. Args: <connection-url> <requests JSON>.
 *
 * @module
 */
import type { AppendInput } from "@ledger/service"
import { makeLedgerService } from "@ledger/service"
import { makePgEventStore } from "@ledger/store-postgres"
import { Effect } from "effect"

const [url = "", json = "[]"] = process.argv.slice(2)
const requests = JSON.parse(json) as ReadonlyArray<AppendInput>
const store = await Effect.runPromise(makePgEventStore({ connectionString: url, migrate: false }))
const service = makeLedgerService(store)
process.stdout.write("ready\n")
for (const request of requests) {
  await Effect.runPromise(service.append(request))
  process.stdout.write(`ack ${request.idempotencyKey}\n`)
}
await Effect.runPromise(store.close())
