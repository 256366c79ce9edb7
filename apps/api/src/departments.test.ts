/**
 * The department list names every department (and its template) from the latest profile, so a
 * picker or a list page of hundreds of departments needs no disclosure per department; a renamed
 * department shows its new name after its next event.
 */
import { createKey } from "@ledger/service"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { batchOrganisation } from "./testing-fixtures/agriculture.ts"
import { makeHarness } from "./testing-fixtures/harness.ts"
import { postJson } from "./testing-fixtures/requests.ts"

interface Listed {
  code: string
  name?: string
  template?: string
  years: Array<{ year: number }>
}

describe("GET /v1/departments", () => {
  it("names every department with its template, and follows a rename", async () => {
    const h = await makeHarness()
    const writer = (
      await Effect.runPromise(createKey(h.store, { role: "writer", departments: ["105"] }, "test"))
    ).secret
    const append = (events: Array<Record<string, unknown>>, key: string) =>
      h.call("/v1/departments/105/years/2026/events", {
        ...postJson({ events }, { "idempotency-key": key }),
        key: writer,
      })
    expect((await append(batchOrganisation(), "org")).status).toBe(201)
    const list = async () =>
      (
        (await (await h.call("/v1/departments", { key: h.keys.auditor })).json()) as {
          departments: Array<Listed>
        }
      ).departments
    const first = await list()
    expect(first.map((d) => [d.code, d.name, d.template])).toEqual([
      ["002", "长治市屯留区人民政府办公室", "shanxi-county-13"],
      ["105", "示例县农业农村局", "shanxi-county-13"],
    ])
    const [profile] = batchOrganisation()
    const renamed = {
      ...profile,
      eventId: "agri-rename",
      idempotencyKey: "105/2026/profile-2",
      data: { ...(profile?.["data"] as object), name: "示例县农业农村和水利局" },
    }
    expect((await append([renamed], "rename")).status).toBe(201)
    expect((await list()).find((d) => d.code === "105")?.name).toBe("示例县农业农村和水利局")
  })
})
