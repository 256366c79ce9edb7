/** The start's garbage collection really collects: an object nothing refers to is gone after it. */
import { describe, expect, it } from "vitest"
import { collectStartGarbage } from "./start-garbage.ts"

describe("collectStartGarbage", () => {
  it("frees what nothing refers to any more, without --expose-gc", async () => {
    const ref = (() => new WeakRef({ big: new Uint8Array(8 * 1024 * 1024) }))()
    await collectStartGarbage()
    expect(ref.deref()).toBeUndefined()
  })
})
