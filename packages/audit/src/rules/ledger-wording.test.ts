/**
 * Findings that compare a printed figure with the ledger say which side is which: "the ledger says
 * X, the document says Y", with `ledger` and `published` set, never the ledger's figure called
 * "expected" as though the document had computed it.
 */
import { Money } from "@ledger/domain"
import { beforeAll, describe, expect, it } from "vitest"
import type { BudgetState } from "@ledger/domain"
import type { Disclosure } from "@ledger/projections"
import { checkDisclosure } from "../index.ts"
import type { Finding } from "../model/finding.ts"
import { added, setCell } from "../testing-fixtures/mutate.ts"
import { derivedReference, referenceKnownDefects } from "../testing-fixtures/reference.ts"

/** The reference document's acknowledged §5.2 items, as the CLI and the API are given them. */
const known = referenceKnownDefects()

let derived: Disclosure
let state: BudgetState.BudgetState
let baseline: ReadonlyArray<Finding>

beforeAll(() => {
  const r = derivedReference()
  derived = r.disclosure
  state = r.state
  baseline = checkDisclosure(derived, state, known).findings
})

describe("ledger comparisons name the ledger", () => {
  it("a project amount of table 12 changed in the document: the ledger says the old, the document the new", () => {
    const t12 = derived.tables.find((t) => t.id === "12")
    const row = t12?.rows.find((r) => r.kind === "project")
    if (row === undefined) throw new Error("no project row")
    const was = row.cells[1] ?? ""
    const now = Money.add(Money.make(was), Money.make("1.00"))
    const doc = setCell(derived, "12", (c) => c[0] === row.cells[0], 1, now)
    const f = added(baseline, checkDisclosure(doc, state, known).findings).find(
      (x) => x.check === "project-ledger",
    )
    expect(f).toBeDefined()
    expect(f?.message).toContain(`the ledger says ${Money.make(was)}, the document says ${now}`)
    expect(f?.ledger).toBe(Money.make(was))
    expect(f?.published).toBe(now)
  })
})
