/**
 * Migrations are frozen once released: their bytes are pinned here. Changing a released migration
 * would give existing databases a different schema from new ones; write a new migration instead.
 */
import { createHash } from "node:crypto"
import { readdirSync, readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { migrations } from "../migrate.ts"

const FROZEN: Readonly<Record<string, string>> = {
  "2026-11-29T1200_create_events": "422b9bba61ff8fe7ba0ba21f30ff0c989dfbffb43210b71273aa04f19630b889",
  "2026-11-29T1500_append_unnest": "0ae5be30f21beb01f169dcb8b8b0c06109d8217527b28291e815ae38f9926438",
  "2026-11-30T0900_database_clock": "fcb875e75e8175ac400ab1611bf950e83e1a7cebbb7d32e7f65818f05f401dca",
  "2026-11-30T1100_partition_by_year": "c9abe0a99e60c08c52e60baecba4d57375d34552158e768c5e5c2151a472074c",
  "2026-11-30T2300_copy_append": "a08d2a83c701a4df9e245d732334a94f7450e2069a3f2cb756f9e1c622f21eea",
  "2026-12-01T0900_append_one_row": "70b20ffb4385e9fec4e1431935084d2b82e18da2a4a273142519ace0964ccaad",
  "2026-12-02T0900_append_fewer_statements":
    "d1c0e5bcc46bd1ce6d9cc893e80dc5d3629136923f4af7573296415cd22e01a4",
  "2026-12-03T0900_append_without_waits": "6b0e93a2b91ff1b04b4ddaca2dc7c1ca820e9dd26ab3fe17706fd32ef930b5e0",
}

const folder = new URL("./", import.meta.url)

describe("migrations", () => {
  it("are dated, registered and unchanged since release", () => {
    const files = readdirSync(folder).filter((f) => /^\d{4}-\d{2}-\d{2}T\d{4}_[a-z0-9_]+\.ts$/.test(f))
    expect(files.map((f) => f.replace(/\.ts$/, ""))).toEqual(Object.keys(migrations))
    for (const file of files) {
      const name = file.replace(/\.ts$/, "")
      const digest = createHash("sha256")
        .update(readFileSync(new URL(file, folder)))
        .digest("hex")
      expect({ name, digest }).toEqual({ name, digest: FROZEN[name] })
    }
  })

  it("import nothing but kysely", () => {
    for (const file of readdirSync(folder).filter((f) => !f.endsWith(".test.ts"))) {
      const imports = [...readFileSync(new URL(file, folder), "utf8").matchAll(/from "([^"]+)"/g)].map(
        (m) => m[1],
      )
      expect(imports.every((i) => i === "kysely")).toBe(true)
    }
  })
})
