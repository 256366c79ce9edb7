/**
 * `GET /v1/anchor`: the same anchor `ledger anchor` prints — a timestamped digest of every stream
 * head, HMAC-signed when the server has `LEDGER_ANCHOR_KEY` — so an auditor can fetch one over
 * HTTP and keep it outside the database; `ledger verify --anchor FILE` checks the log against it.
 * Auditors and admins only: the heads list every stream, including other departments'.
 */
import { Anchor, makeAnchor } from "@ledger/eventstore"
import { Clock } from "effect"
import { requireRole } from "../auth.ts"
import type { ApiDeps } from "../deps.ts"
import { defineRoute } from "../route.ts"
import type { Route } from "../route.ts"
import { run } from "../run.ts"

/** The anchor route. @category routes */
export const anchorRoutes = (deps: ApiDeps): ReadonlyArray<Route> => [
  defineRoute(
    {
      method: "get",
      path: "/v1/anchor",
      operationId: "getAnchor",
      summary: "An anchor of every stream head (budget-ledger-anchor/v1), to keep outside the database",
      description:
        "The format `ledger anchor` prints: `createdAt` from the server's clock, each stream's head version, position and hash, the SHA-256 `digest` of those, and an HMAC-SHA256 `signature` of the digest when the server has `LEDGER_ANCHOR_KEY`. Save it (e.g. daily, in write-once storage) and later run `ledger verify --anchor FILE` to detect a rewritten chain or a cut tail.",
      tag: "audit",
      roles: ["auditor", "admin"],
      responses: {
        200: { description: "the anchor", schema: Anchor, headers: { "cache-control": "no-store" } },
      },
      problems: ["store-unavailable"],
    },
    async (c) => {
      requireRole(c, "auditor", "admin")
      const heads = await run(deps.store.listStreams())
      const createdAt = new Date(deps.now?.().getTime() ?? (await run(Clock.currentTimeMillis))).toISOString()
      c.header("cache-control", "no-store")
      return c.json(makeAnchor(heads, createdAt, deps.anchorKey))
    },
  ),
]
