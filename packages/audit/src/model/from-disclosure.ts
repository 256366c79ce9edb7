/**
 * Turns a derived `budget-disclosure/v1` document (plus, optionally, the ledger state) into the
 * document the rules read. Performance tables come from the state's registered projects and
 * declared targets, so the auditor does not depend on how a projection lays them out.
 *
 * @module from-disclosure
 */
import type { BudgetState } from "@ledger/domain"
import { Schema } from "effect"
import type { AuditDocument, Funds, GlossaryEntry, PerformanceTable, Table } from "./document.ts"
import type { DisclosureInput } from "./document.ts"

type DeclaredFunds = {
  total: string
  central: string
  provincial: string
  local: string
  selfRaised: string
  other?: string | undefined
}

const funds = (f: DeclaredFunds): Funds => ({
  total: f.total,
  central: f.central,
  provincial: f.provincial,
  local: f.local,
  selfRaised: f.selfRaised,
  other: f.other ?? "",
})

// The contract's glossary entries carry `definition`; older or foreign documents may say `text`.
const isDefined = Schema.is(Schema.Struct({ term: Schema.String, definition: Schema.String }))
const isTexted = Schema.is(Schema.Struct({ term: Schema.String, text: Schema.String }))
const glossaryEntry = (g: unknown): GlossaryEntry[] =>
  isDefined(g) ? [{ term: g.term, text: g.definition }] : isTexted(g) ? [{ term: g.term, text: g.text }] : []

/** The performance tables a ledger state declares, one per project with targets. @category constructors */
const performanceFromState = (state: BudgetState.BudgetState): PerformanceTable[] =>
  [...state.performanceTargets.values()].flatMap((t) => {
    const p = state.projects.get(t.projectId)
    if (p === undefined) return []
    return [
      {
        projectName: p.name,
        unitName: state.units.get(p.unitCode)?.name ?? "",
        life: p.life,
        oneOff: p.life === "one-off",
        periodYears: p.periodYears,
        implementationFunds: funds(t.implementationFunds),
        annualFunds: funds(t.annualFunds),
        basis: t.basis,
        indicators: t.indicators.map((i) => ({
          level2: i.level2,
          name: i.level3 ?? "",
          value: i.value ?? "",
          annualName: i.annualLevel3 ?? i.level3 ?? "",
          annualValue: i.annualValue ?? "",
        })),
        filledAt: t.filledAt ?? "",
      },
    ]
  })

/** The audit view of a derived disclosure. @category constructors */
export const fromDisclosure = (d: DisclosureInput, state?: BudgetState.BudgetState): AuditDocument => {
  const tables = new Map<string, Table>()
  for (const t of d.tables) {
    tables.set(t.id, {
      id: t.id,
      title: t.title,
      header: t.header ?? [],
      rows: t.rows.map((r) => ({ cells: r.cells, codes: r.codes })),
      notes: t.notes ?? [],
    })
  }
  const units = state === undefined ? [] : [...state.units.values()].sort((a, b) => a.order - b.order)
  const glossary: GlossaryEntry[] = (d.glossary ?? []).flatMap(glossaryEntry)
  return {
    template: d.template,
    fiscalYear: d.fiscalYear,
    departmentName: d.department.name,
    tables,
    narrative: d.narrative ?? [],
    performance:
      state === undefined || state.performanceTargets.size === 0 ? undefined : performanceFromState(state),
    overviewUnits: units.length === 0 ? undefined : { names: units.map((u) => u.name), count: units.length },
    glossary,
  }
}
