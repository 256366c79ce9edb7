/** An unknown template id is refused when an event is decoded, naming the id and the known ones. */
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { TEMPLATE_IDS } from "./Codes.ts"
import { decodeEvent } from "./Envelope.ts"

const profile = (template: string) => ({
  stream: { department: "900", year: 2026 },
  type: "DepartmentProfileRecorded",
  schemaVersion: 1,
  idempotencyKey: `profile-${template}`,
  occurredAt: "2026-01-20",
  data: { departmentCode: "900", name: "测试部门", regionName: "测试区", template, duties: [] },
})

describe("template id", () => {
  it("every known template decodes", () => {
    for (const id of TEMPLATE_IDS) {
      const r = decodeEvent(profile(id))
      expect(Result.isFailure(r) ? r.failure.message : "ok").toBe("ok")
    }
  })
  it("an unknown one is refused naming it and the known ids", () => {
    const r = decodeEvent(profile("guangdong-city-7"))
    expect(Result.isFailure(r)).toBe(true)
    if (Result.isFailure(r)) {
      expect(r.failure.message).toContain('"guangdong-city-7"')
      for (const id of TEMPLATE_IDS) expect(r.failure.message).toContain(id)
    }
  })
})
