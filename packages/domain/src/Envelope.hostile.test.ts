/**
 * Input the log must never accept (issue 12): dates that name no real moment, event types that are
 * Object.prototype members, NUL characters that no store can keep, lone surrogates that no
 * canonical JSON can hold. Each is a typed decode error
 * naming the field, never a throw.
 */
import fc from "fast-check"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { calendarProblem } from "./Codes.ts"
import * as Envelope from "./Envelope.ts"
import * as S from "./testing-fixtures/samples.ts"

const note = S.oneOfEach.find((e) => e.type === "NarrativeNoteRecorded")
if (note === undefined) throw new Error("the samples have no NarrativeNoteRecorded")
const issuesOf = (input: unknown) => {
  const r = Envelope.decodeEvent(input)
  if (Result.isSuccess(r)) throw new Error("expected a decode error")
  return r.failure.issues
}

describe("impossible dates", () => {
  it.each([
    "2026-02-30",
    "2026-13-01",
    "2026-00-10",
    "2026-04-31",
    "2026-01-20T25:00:00Z",
    "2026-01-20T10:60:00Z",
    "0000-01-01",
    "9999-12-31",
    "2025-02-29",
  ])("refuses occurredAt %s, naming the field", (d) => {
    const issues = issuesOf({ ...S.wire(note), occurredAt: d })
    expect(issues.map((i) => i.path)).toEqual(["occurredAt"])
    expect(issues[0]?.message).toMatch(/names/)
  })

  it.each(["2024-02-29", "2026-12-31", "2026-01-20T23:59:59Z", "2026-01-20T00:00:00.123Z"])(
    "accepts %s",
    (d) => {
      expect(Result.isSuccess(Envelope.decodeEvent({ ...S.wire(note), occurredAt: d }))).toBe(true)
    },
  )

  it("accepts a date exactly when the calendar has that day (every y/m/d of the allowed years)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2199 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (y, m, d) => {
          const text = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`
          const real = new Date(Date.UTC(y, m - 1, d))
          const exists = m >= 1 && m <= 12 && real.getUTCMonth() === m - 1 && real.getUTCDate() === d
          expect(calendarProblem(text) === undefined).toBe(exists)
        },
      ),
    )
  })
})

describe("names that are not event types", () => {
  it.each(["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"])(
    "refuses type %s with a decode error",
    (t) => {
      expect(issuesOf({ ...S.wire(note), type: t }).map((i) => i.path)).toEqual(["type"])
    },
  )
})

describe("NUL characters", () => {
  it.each([
    ["eventId", (w: Record<string, unknown>) => ({ ...w, eventId: "evt\u0000x" })],
    ["idempotencyKey", (w: Record<string, unknown>) => ({ ...w, idempotencyKey: "k\u0000" })],
    ["actor", (w: Record<string, unknown>) => ({ ...w, actor: "\u0000" })],
    [
      "data.text",
      (w: Record<string, unknown>) => ({ ...w, data: { ...(w["data"] as object), text: "a\u0000b" } }),
    ],
  ])("refuses a NUL in %s, naming it", (path, edit) => {
    expect(issuesOf(edit(S.wire(note))).map((i) => i.path)).toContain(path)
  })
})

describe("lone surrogates", () => {
  it.each([
    ["eventId", (w: Record<string, unknown>) => ({ ...w, eventId: "evt\ud800" })],
    ["idempotencyKey", (w: Record<string, unknown>) => ({ ...w, idempotencyKey: "\udc00k" })],
    [
      "data.text",
      (w: Record<string, unknown>) => ({ ...w, data: { ...(w["data"] as object), text: "a\udbffb" } }),
    ],
  ])("refuses a lone surrogate in %s, naming it (no canonical JSON can hold one)", (path, edit) => {
    expect(issuesOf(edit(S.wire(note))).map((i) => i.path)).toContain(path)
  })

  it("accepts every well-formed string, astral characters included (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (text) => {
        const r = Envelope.decodeEvent({
          ...S.wire(note),
          data: { ...(S.wire(note)["data"] as object), text },
        })
        const issues = Result.isFailure(r) ? r.failure.issues : []
        expect(issues.filter((i) => i.message.includes("Unicode"))).toEqual([])
      }),
    )
  })
})
