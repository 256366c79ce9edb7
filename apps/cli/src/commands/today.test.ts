/** `today` follows the Effect Clock, in the department's time zone (Asia/Shanghai). */
import { Effect } from "effect"
import { TestClock } from "effect/testing"
import { describe, expect, it } from "vitest"
import { today } from "./today.ts"

const at = (instant: string) =>
  Effect.runPromise(
    Effect.provide(Effect.andThen(TestClock.setTime(Date.parse(instant)), today), TestClock.layer()),
  )

describe("today", () => {
  it("is the Clock's date in Asia/Shanghai", async () => {
    expect(await at("2026-03-01T15:59:59Z")).toBe("2026-03-01")
    expect(await at("2026-03-01T16:00:00Z")).toBe("2026-03-02")
  })
})
