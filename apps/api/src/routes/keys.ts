/** Key management (admin only): create (the secret is shown once), list, revoke. */
import type { ApiDeps } from "../deps.ts"
import { requireRole, principalOf } from "../auth.ts"
import { KeyPath } from "../http-schemas.ts"
import { CreatedKey, createKey, KeyInfo, KeySpec, listKeys, revokeKey } from "@ledger/service"
import { fail } from "../problem.ts"
import { defineRoute, jsonBodyOf, pathOf } from "../route.ts"
import type { Route } from "../route.ts"
import { run } from "../run.ts"
import { Schema } from "effect"

const KeyList = Schema.Struct({ keys: Schema.Array(KeyInfo) }).annotate({ identifier: "KeyList" })

/** The key routes. @category routes */
export const keyRoutes = (deps: ApiDeps): ReadonlyArray<Route> => [
  defineRoute(
    {
      method: "post",
      path: "/v1/keys",
      operationId: "createKey",
      summary: "Create an API key",
      description:
        "Stores only the sha256 of the key, as an event of `_system/keys`; the secret is in this response only.",
      tag: "keys",
      roles: ["admin"],
      body: {
        schema: KeySpec,
        contentType: "application/json",
        description: "role, departments (writers), label",
      },
      responses: { 201: { description: "the new key with its secret", schema: CreatedKey } },
      problems: ["malformed-request", "unsupported-media-type", "invalid-request", "payload-too-large"],
    },
    async (c) => {
      const admin = requireRole(c, "admin")
      const spec = await jsonBodyOf(c, KeySpec)
      const created = await run(createKey(deps.store, spec, admin.actor))
      deps.keys.invalidate()
      return c.json(created, 201)
    },
  ),
  defineRoute(
    {
      method: "get",
      path: "/v1/keys",
      operationId: "listKeys",
      summary: "List API keys (never their secrets)",
      tag: "keys",
      roles: ["admin"],
      responses: { 200: { description: "every key, revoked ones included", schema: KeyList } },
      problems: [],
    },
    async (c) => {
      requireRole(c, "admin")
      return c.json({ keys: await run(listKeys(deps.store)) })
    },
  ),
  defineRoute(
    {
      method: "delete",
      path: "/v1/keys/{keyId}",
      operationId: "revokeKey",
      summary: "Revoke an API key",
      tag: "keys",
      roles: ["admin"],
      params: KeyPath,
      responses: { 204: { description: "revoked (or already revoked)" } },
      problems: ["malformed-request", "not-found"],
    },
    async (c) => {
      const admin = requireRole(c, "admin")
      const { keyId } = pathOf(c, KeyPath)
      if (keyId === principalOf(c).keyId)
        fail("invalid-request", "an admin key cannot revoke itself", [
          { path: "path.keyId", message: "is the calling key" },
        ])
      const found = await run(revokeKey(deps.store, keyId, admin.actor))
      if (!found) fail("not-found", `no key ${keyId}`)
      deps.keys.invalidate()
      return c.body(null, 204)
    },
  ),
]
