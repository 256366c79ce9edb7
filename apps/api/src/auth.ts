/**
 * Authentication (`Authorization: Bearer <key>`) and the three authorisation checks every route
 * uses. Roles: a writer appends to, publishes and reads its own departments; an auditor reads,
 * verifies, checks and reconciles every department; an admin manages keys and reads everything.
 */
import type { Context, MiddlewareHandler } from "hono"
import type { KeyRingShape, Principal, Role } from "@ledger/service"
import { fail } from "./problem.ts"
import { run } from "./run.ts"

/** Hono environment of the API: the authenticated caller is in `c.var.principal`. @category models */
export interface ApiEnv {
  Variables: { principal: Principal }
}

const BEARER = /^Bearer ([A-Za-z0-9_\-.~+/]{1,200}=*)$/

/** Published documents by hash, readable by anyone (`/v1/public/…`). @category constants */
const PUBLIC_PREFIX = "/v1/public/"

/** Middleware: resolves the caller or answers 401; `open` paths and {@link PUBLIC_PREFIX} need no key. @category middleware */
export const authenticate =
  (keys: KeyRingShape, open: ReadonlySet<string> = new Set()): MiddlewareHandler<ApiEnv> =>
  async (c, next) => {
    if (open.has(c.req.path) || c.req.path.startsWith(PUBLIC_PREFIX)) return next()
    const header = c.req.header("authorization")
    if (header === undefined) fail("unauthorized", "send an API key as `Authorization: Bearer <key>`")
    const token = BEARER.exec(header ?? "")?.[1]
    const principal = token === undefined ? undefined : await run(keys.authenticate(token))
    if (principal === undefined) fail("unauthorized", "the API key is unknown or revoked")
    c.set("principal", principal as Principal)
    await next()
  }

/** The caller; only valid behind {@link authenticate}. */
export const principalOf = (c: Context<ApiEnv>): Principal => c.get("principal")

/** 403 unless the caller has one of the roles. @category guards */
export const requireRole = (c: Context<ApiEnv>, ...roles: ReadonlyArray<Role>): Principal => {
  const p = principalOf(c)
  if (!roles.includes(p.role))
    fail("forbidden", `this operation needs a ${roles.join(" or ")} key; this key is ${p.role}`)
  return p
}

/** 403 unless the caller may read the department (auditor, admin, or a writer scoped to it). @category guards */
export const requireRead = (c: Context<ApiEnv>, department: string): Principal => {
  const p = principalOf(c)
  if (p.role === "writer" && !p.departments.includes(department)) {
    fail("forbidden", `this writer key is not scoped to department ${department}`)
  }
  return p
}

/** 403 unless the caller is a writer scoped to the department. @category guards */
export const requireWrite = (c: Context<ApiEnv>, department: string): Principal => {
  const p = requireRole(c, "writer")
  if (!p.departments.includes(department))
    fail("forbidden", `this writer key is not scoped to department ${department}`)
  return p
}

/** True when the caller may see the department (used to filter listings). */
export const canRead = (p: Principal, department: string): boolean =>
  p.role !== "writer" || p.departments.includes(department)
