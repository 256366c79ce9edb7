/**
 * Sample requests for tests: a valid new appropriation derived from the fixture (with a fresh line
 * id and idempotency key), and one valid request per operation for the role matrix.
 */
import { referenceText } from "@ledger/projections/testing"
import { Effect } from "effect"
import { createKey } from "@ledger/service"
import { fixtureEvents } from "./harness.ts"
import type { Harness } from "./harness.ts"

/** A fixture event of the given type (the first one). */
export const fixtureEvent = (type: string): Record<string, unknown> => {
  const e = fixtureEvents().find((x) => x["type"] === type)
  if (e === undefined) throw new Error(`the fixture has no ${type}`)
  return e
}

/** A new, valid appropriation of `amount` 元 on a fresh line of an existing project. */
export const newAppropriation = (suffix: string, amount = "1000.00"): Record<string, unknown> => {
  const base = fixtureEvents().find(
    (x) =>
      x["type"] === "AppropriationRecorded" &&
      (x["data"] as { line: { expenditure: { kind: string } } }).line.expenditure.kind === "project",
  )
  if (base === undefined) throw new Error("the fixture has no project appropriation")
  const data = base["data"] as { line: Record<string, unknown> }
  const { eventId: _drop, ...rest } = base
  return {
    ...rest,
    idempotencyKey: `test/${suffix}`,
    data: { ...data, line: { ...data.line, lineId: `test-${suffix}`, amount } },
  }
}

/** JSON POST init. */
export const postJson = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body: typeof body === "string" ? body : JSON.stringify(body),
})

/** The reference document's text (the published PDF's text), for reconcile. */
export const publishedText = (): string => referenceText()

const D = "/v1/departments/002/years/2026"

/** One valid request per operation id; `n` makes writes unique per call. */
export const requestFor = async (
  h: Harness,
  operationId: string,
  n: number,
): Promise<{ path: string; init: RequestInit }> => {
  switch (operationId) {
    case "getTaxonomy":
      return { path: "/v1/taxonomy/2026", init: {} }
    case "health":
      return { path: "/v1/health", init: {} }
    case "getPublication": {
      const sealed = await h.call(`${D}/publish`, { method: "POST", key: h.keys.writer })
      const { documentHash } = (await sealed.json()) as { documentHash: string }
      return { path: `/v1/public/departments/002/years/2026/publications/${documentHash}`, init: {} }
    }
    case "getPublishedDisclosure":
      return { path: "/v1/public/departments/002/years/2026/disclosure", init: {} }
    case "listYears":
      return { path: "/v1/departments/002/years", init: {} }
    case "listDepartments":
      return { path: "/v1/departments", init: {} }
    case "readEvents":
      return { path: `${D}/events`, init: {} }
    case "appendEvents":
      return {
        path: `${D}/events`,
        init: postJson({ events: [newAppropriation(`m${n}`)] }, { "idempotency-key": `k${n}` }),
      }
    case "publishDisclosure":
      return { path: `${D}/publish`, init: { method: "POST" } }
    case "getDisclosure":
      return { path: `${D}/disclosure?asOf=published`, init: {} }
    case "traceCell":
      return { path: `${D}/disclosure/cells/1/0/1`, init: {} }
    case "diffDisclosures":
      return { path: `${D}/diff`, init: {} }
    case "checkDisclosure":
      return { path: `${D}/checks`, init: {} }
    case "reconcile":
      return {
        path: `${D}/reconcile`,
        init: { method: "POST", headers: { "content-type": "text/plain" }, body: publishedText() },
      }
    case "createKey":
      return { path: "/v1/keys", init: postJson({ role: "auditor", label: `m${n}` }) }
    case "listKeys":
      return { path: "/v1/keys", init: {} }
    case "revokeKey": {
      const k = await Effect.runPromise(createKey(h.store, { role: "auditor", label: `victim${n}` }))
      return { path: `/v1/keys/${k.keyId}`, init: { method: "DELETE" } }
    }
    case "verifyChain":
      return { path: "/v1/verify", init: {} }
    case "getAnchor":
      return { path: "/v1/anchor", init: {} }
    case "openapi":
      return { path: "/v1/openapi.json", init: {} }
    case "docs":
      return { path: "/v1/docs", init: {} }
    default:
      throw new Error(`no sample request for ${operationId}`)
  }
}
