/** The document routes (public): the OpenAPI document and its reference page; and chain verification. */
import { requireRole } from "../auth.ts"
import type { ApiDeps } from "../deps.ts"
import { DOCS_PAGE } from "../docs-page.ts"
import { VerifyStatus } from "../http-schemas.ts"
import { defineRoute } from "../route.ts"
import type { Route } from "../route.ts"
import { run } from "../run.ts"

/** Paths served without a key. */
export const PUBLIC_PATHS: ReadonlySet<string> = new Set(["/v1/openapi.json", "/v1/docs", "/v1/health"])

/** The meta routes; `document` is computed once by the app. @category routes */
export const metaRoutes = (deps: ApiDeps, document: () => unknown): ReadonlyArray<Route> => [
  defineRoute(
    {
      method: "get",
      path: "/v1/openapi.json",
      operationId: "openapi",
      summary: "This API's OpenAPI 3.1 document",
      tag: "meta",
      roles: ["public"],
      responses: { 200: { description: "the OpenAPI document", contentTypes: ["application/json"] } },
      problems: [],
    },
    async (c) => c.json(document()),
  ),
  defineRoute(
    {
      method: "get",
      path: "/v1/docs",
      operationId: "docs",
      summary: "Interactive API reference",
      tag: "meta",
      roles: ["public"],
      responses: { 200: { description: "an HTML page", contentTypes: ["text/html"] } },
      problems: [],
    },
    async (c) => c.html(DOCS_PAGE),
  ),
  defineRoute(
    {
      method: "get",
      path: "/v1/health",
      operationId: "health",
      summary: "Liveness: answers at once, never waits for replays or the store",
      description:
        "With read replicas (`LEDGER_READ_DATABASE_URL`), `replicas` lists each one's last probed state: replayed log position, replayed WAL position and lag in seconds (probed every 2 s in the background).",
      tag: "meta",
      roles: ["public"],
      responses: { 200: { description: "the server is up", contentTypes: ["application/json"] } },
      problems: [],
    },
    async (c) =>
      c.json(
        deps.replicaStatus === undefined
          ? { status: "ok" }
          : { status: "ok", replicas: deps.replicaStatus() },
      ),
  ),
  defineRoute(
    {
      method: "get",
      path: "/v1/verify",
      operationId: "verifyChain",
      summary: "Verify every hash chain of the store",
      description: "Recomputes every chain; on failure names the first bad stream, position and reason.",
      tag: "audit",
      roles: ["auditor", "admin"],
      responses: { 200: { description: "ok, or the first bad event", schema: VerifyStatus } },
      problems: ["store-unavailable"],
    },
    async (c) => {
      requireRole(c, "auditor", "admin")
      return c.json(await run(deps.store.verify()))
    },
  ),
]
