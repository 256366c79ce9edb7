/**
 * `makeApp(deps)`: the Hono application with every `/v1` route, authentication, the body limit,
 * the single error mapping and the OpenAPI document — and no server, so tests call
 * `app.request()` and `main.ts` serves it.
 */
import { Hono } from "hono"
import type { MiddlewareHandler } from "hono"
import { bodyLimit } from "hono/body-limit"
import { authenticate } from "./auth.ts"
import type { ApiEnv } from "./auth.ts"
import { DEFAULT_MAX_BODY } from "./config.ts"
import type { ApiDeps } from "./deps.ts"
import { onError, problemResponse } from "./errors.ts"
import { languageOf, problemIn } from "./language.ts"
import { buildOpenApi } from "./openapi.ts"
import { problem } from "./problem.ts"
import { honoPath } from "./route.ts"
import { securityHeaders } from "./security-headers.ts"
import { admission, DEFAULT_ADMISSION, makeGate } from "./admission.ts"
import type { Route } from "./route.ts"
import { type Documents, makeDocuments } from "./documents.ts"
import { answeredFromCache } from "./cached-reads.ts"
import { anchorRoutes } from "./routes/anchor.ts"
import { auditRoutes } from "./routes/audit.ts"
import { disclosureRoutes } from "./routes/disclosure.ts"
import { publicationRoutes } from "./routes/publications.ts"
import { keyRoutes } from "./routes/keys.ts"
import { metaRoutes, PUBLIC_PATHS } from "./routes/meta.ts"
import { streamRoutes } from "./routes/streams.ts"
import { taxonomyRoutes } from "./routes/taxonomy.ts"
import { traceRoutes } from "./routes/trace.ts"
import { writeRoutes } from "./routes/writes.ts"
import { yearRoutes } from "./routes/years.ts"

/** Every route of the API, in document order. @category constructors */
export const apiRoutes = (
  deps: ApiDeps,
  document: () => unknown,
  documents: Documents = makeDocuments(deps, documentsOptions(deps)),
): ReadonlyArray<Route> => {
  return [
    ...streamRoutes(deps),
    ...writeRoutes(deps, documents),
    ...disclosureRoutes(deps, documents),
    ...publicationRoutes(deps, documents),
    ...yearRoutes(deps, documents),
    ...traceRoutes(deps, documents),
    ...auditRoutes(deps, documents),
    ...anchorRoutes(deps),
    ...keyRoutes(deps),
    ...taxonomyRoutes(deps),
    ...metaRoutes(deps, document),
  ]
}

/** The API's OpenAPI document for a set of routes. */
export const openApiOf = (routes: ReadonlyArray<Route>): Record<string, unknown> =>
  buildOpenApi(
    routes.map((r) => r.spec),
    {
      title: "budget-ledger API",
      version: "1.0.0",
      description:
        "Event-sourced department budgets (部门预算公开): append budget events, replay disclosures as of any point, trace cells to events, verify, check and reconcile. Amounts are strings in 元 with at most two decimals; disclosure tables print 万元.",
    },
  )

/** The documents cache's options from the app's dependencies. */
const documentsOptions = (deps: ApiDeps) =>
  deps.headTtlMs === undefined ? {} : { headTtlMs: deps.headTtlMs }

/** Builds the application. @category constructors */
export const makeApp = (deps: ApiDeps): Hono<ApiEnv> => {
  const app = new Hono<ApiEnv>()
  let document: Record<string, unknown> | undefined
  const documents = makeDocuments(deps, documentsOptions(deps))
  const routes = apiRoutes(deps, () => (document ??= openApiOf(routes)), documents)
  const log = deps.log ?? ((e: unknown) => console.error(e))

  app.onError(onError(log))
  app.notFound((c) =>
    problemResponse(problemIn(problem("not-found", `no route ${c.req.method} ${c.req.path}`), languageOf(c))),
  )
  const limit = bodyLimit({
    maxSize: deps.maxBodyBytes ?? DEFAULT_MAX_BODY,
    onError: () =>
      problemResponse(
        problem("payload-too-large", `the body exceeds ${deps.maxBodyBytes ?? DEFAULT_MAX_BODY} bytes`),
      ),
  })
  // GET and HEAD carry no body; skipping the check there keeps @hono/node-server from building a
  // full WHATWG Request (with an AbortController) on every read just to look at `body`.
  const limitBodies: MiddlewareHandler = (c, next) =>
    c.req.method === "GET" || c.req.method === "HEAD" ? next() : limit(c, next)
  app.use("/v1/*", securityHeaders)
  app.use("/v1/*", limitBodies)
  app.use("/v1/*", authenticate(deps.keys, PUBLIC_PATHS))
  const limits = { ...DEFAULT_ADMISSION, ...deps.admission }
  const gated: MiddlewareHandler = admission(makeGate(limits), limits)
  // Replays of one department-year pass the gate; health, metadata and key routes never wait, nor
  // does a disclosure the documents cache answers at once (cached-reads.ts).
  const replays: MiddlewareHandler = (c, next) =>
    /^\/v1\/(public\/)?departments\/[^/]+\/years\/[^/]+\/./.test(c.req.path) &&
    !answeredFromCache(documents, c)
      ? gated(c, next)
      : next()
  app.use("/v1/departments/*", replays)
  app.use("/v1/public/departments/*", replays)
  for (const r of routes) app.on(r.spec.method.toUpperCase(), honoPath(r.spec.path), r.handler)
  if (deps.admin) app.route("/", deps.admin)
  return app
}
