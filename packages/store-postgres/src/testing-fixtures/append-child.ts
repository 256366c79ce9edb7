/**
 * Child process for the kill tests: appends one large batch to a stream, so the parent can kill
 * it (or its server connection) mid-append. Args: <connection-url> <stream-id> <count>.
 */
import { Effect } from "effect"
import { Expected } from "@ledger/eventstore"
import { events, request } from "@ledger/eventstore/testing"
import { makePgEventStore } from "../pg-store.ts"

const [url = "", streamId = "", count = "20000"] = process.argv.slice(2)
const store = await Effect.runPromise(makePgEventStore({ connectionString: url, migrate: false }))
const outcome = await Effect.runPromise(
  Effect.result(
    store.append(request(streamId, Expected.noStream, events(Number(count))), {
      idempotencyKey: `kill-${streamId}`,
    }),
  ),
)
console.log(JSON.stringify({ outcome: outcome._tag }))
await Effect.runPromise(store.close())
