/** `today` follows the Effect Clock (driven here by TestClock), as a UTC date. */
import { Effect } from "effect"
import { TestClock } from "effect/testing"
import { describe, expect, it } from "vitest"
import { today } from "./today.ts"

const at = (instant: string) =>
  Effect.runPromise(
    Effect.provide(Effect.andThen(TestClock.setTime(Date.parse(instant)), today), TestClock.layer()),
  )

describe("today", () => {
  it("is the Clock's UTC date", async () => {
    expect(await at("2026-03-01T23:59:59Z")).toBe("2026-03-01")
    expect(await at("2026-03-02T00:00:00Z")).toBe("2026-03-02")
  })
})
