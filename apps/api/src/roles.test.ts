/**
 * Every route × every role: 401 without a valid key, 403 out of scope, success in scope. The
 * matrix must name every operation of the OpenAPI document, so a new route cannot skip it.
 */
import { describe, expect, it } from "vitest"
import { makeHarness } from "./testing-fixtures/harness.ts"
import type { Harness, TestKeys } from "./testing-fixtures/harness.ts"
import { requestFor } from "./testing-fixtures/requests.ts"

type Caller = "none" | "bogus" | keyof TestKeys
const CALLERS: ReadonlyArray<Caller> = ["none", "bogus", "writer", "otherWriter", "auditor", "admin"]

const readers = { writer: "ok", otherWriter: 403, auditor: "ok", admin: "ok" } as const
const writerOnly = { writer: "ok", otherWriter: 403, auditor: 403, admin: 403 } as const
const auditors = { writer: 403, otherWriter: 403, auditor: "ok", admin: "ok" } as const
const adminOnly = { writer: 403, otherWriter: 403, auditor: 403, admin: "ok" } as const
const everyKey = { writer: "ok", otherWriter: "ok", auditor: "ok", admin: "ok" } as const

/** Expected outcome per operation and key role ("ok" = 2xx); no key / a bogus key is 401 unless public. */
const MATRIX: Record<string, { readonly public?: true; readonly roles: Record<keyof TestKeys, "ok" | 403> }> =
  {
    listDepartments: { roles: everyKey },
    readEvents: { roles: readers },
    appendEvents: { roles: writerOnly },
    publishDisclosure: { roles: writerOnly },
    getDisclosure: { roles: readers },
    traceCell: { roles: readers },
    diffDisclosures: { roles: readers },
    checkDisclosure: { roles: readers },
    reconcile: { roles: auditors },
    createKey: { roles: adminOnly },
    listKeys: { roles: adminOnly },
    revokeKey: { roles: adminOnly },
    verifyChain: { roles: auditors },
    getAnchor: { roles: auditors },
    getTaxonomy: { roles: everyKey },
    openapi: { public: true, roles: everyKey },
    docs: { public: true, roles: everyKey },
    health: { public: true, roles: everyKey },
    getPublication: { public: true, roles: everyKey },
    getPublishedDisclosure: { public: true, roles: everyKey },
    listYears: { roles: readers },
  }

const keyOf = (h: Harness, caller: Caller): string | undefined =>
  caller === "none" ? undefined : caller === "bogus" ? "blk_000000000000_not-a-real-key" : h.keys[caller]

describe("route × role", () => {
  it("covers every operation of the OpenAPI document", async () => {
    const h = await makeHarness({ fixture: false })
    const doc = (await (await h.call("/v1/openapi.json")).json()) as {
      paths: Record<string, Record<string, { operationId: string }>>
    }
    const ops = Object.values(doc.paths).flatMap((p) => Object.values(p).map((o) => o.operationId))
    expect(new Set(ops)).toEqual(new Set(Object.keys(MATRIX)))
  })

  for (const [operationId, expected] of Object.entries(MATRIX)) {
    it(`${operationId}`, async () => {
      const h = await makeHarness()
      let n = 0
      for (const caller of CALLERS) {
        const { path, init } = await requestFor(h, operationId, n++)
        const key = keyOf(h, caller)
        const res = await h.call(path, { ...init, ...(key !== undefined ? { key } : {}) })
        const want =
          caller === "none" || caller === "bogus" ? (expected.public ? "ok" : 401) : expected.roles[caller]
        const got = res.status >= 200 && res.status < 300 ? "ok" : res.status
        expect({ operationId, caller, status: got, body: got === want ? "" : await res.text() }).toEqual({
          operationId,
          caller,
          status: want,
          body: "",
        })
        if (res.status === 401 || res.status === 403) {
          expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/)
          const p = (await res.json()) as { type: string }
          expect(p.type).toBe(
            `https://budget-ledger.dev/problems/${res.status === 401 ? "unauthorized" : "forbidden"}`,
          )
        }
      }
    })
  }

  it("records the calling key as the actor of appended events", async () => {
    const h = await makeHarness()
    const { path, init } = await requestFor(h, "appendEvents", 99)
    expect((await h.call(path, { ...init, key: h.keys.writer })).status).toBe(201)
    const list = (await (await h.call(path, { key: h.keys.auditor })).json()) as {
      events: Array<{ actor: string; idempotencyKey: string }>
    }
    const mine = list.events.find((e) => e.idempotencyKey === "test/m99")
    expect(mine?.actor).toMatch(/^key:[0-9a-f]{12}$/)
  })

  it("a revoked key gets 401 at once", async () => {
    const h = await makeHarness({ fixture: false })
    const created = (await (
      await h.call("/v1/keys", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ role: "auditor" }),
        key: h.keys.admin,
      })
    ).json()) as { keyId: string; secret: string }
    expect((await h.call("/v1/verify", { key: created.secret })).status).toBe(200)
    expect((await h.call(`/v1/keys/${created.keyId}`, { method: "DELETE", key: h.keys.admin })).status).toBe(
      204,
    )
    expect((await h.call("/v1/verify", { key: created.secret })).status).toBe(401)
  })
})
