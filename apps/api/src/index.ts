/**
 * @ledger/api — the HTTP API of budget-ledger: `makeApp` (the Hono app, no server), `startApi`
 * (store, fixture seed, demo keys, server). API keys live in `@ledger/service`, shared with the CLI.
 */
export { apiRoutes, makeApp, openApiOf } from "./app.ts"
export type { ApiEnv } from "./auth.ts"
export { configFromEnv, InvalidConfig, loadConfig } from "./config.ts"
export type { ApiConfig } from "./config.ts"
export type { ApiDeps } from "./deps.ts"
export { PROBLEM_BASE, Problem, PROBLEMS } from "./problem.ts"
export type { ProblemKind } from "./problem.ts"
export { startApi } from "./server.ts"
export type { RunningApi } from "./server.ts"
export type { DemoKeys } from "@ledger/service"
