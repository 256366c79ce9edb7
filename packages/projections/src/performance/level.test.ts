/** The 绩效目标表 title fits any region: a 区 keeps the county form's "县(区)级", a 县 is not doubled. */
import { describe, expect, it } from "vitest"
import { levelOf } from "./build-performance-targets.ts"

describe("levelOf", () => {
  it("prints the form's level for a 区 as the reference does", () => {
    expect(levelOf("屯留区")).toBe("屯留区县(区)级")
  })
  it("never doubles 县", () => {
    expect(levelOf("示例县")).toBe("示例县级")
    expect(levelOf("示例县")).not.toContain("县县")
  })
})
