/**
 * What every table builder receives: the year, the department, the taxonomy of the year and the
 * folded lines, units and projects in their printing order (by code), so a table never depends on
 * the order events happened to arrive in.
 *
 * @module context
 */
import type { BudgetState, Taxonomy } from "@ledger/domain"
import { Result } from "effect"
import { linesOf, type Line } from "./ledger.ts"

/** The input of a table builder. @category models */
export interface TableContext {
  readonly year: number
  readonly departmentName: string
  readonly taxonomy: Taxonomy.Taxonomy
  readonly lines: ReadonlyArray<Line>
  readonly units: ReadonlyArray<BudgetState.UnitState>
  readonly projects: ReadonlyArray<BudgetState.ProjectState>
}

const byKey =
  <T>(key: (t: T) => string) =>
  (a: T, b: T): number =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0

/** Builds the context from a folded state. @category constructors */
export const makeContext = (
  state: BudgetState.BudgetState,
  year: number,
  departmentName: string,
  taxonomy: Taxonomy.Taxonomy,
): TableContext => ({
  year,
  departmentName,
  taxonomy,
  lines: linesOf(state),
  units: [...state.units.values()].sort(byKey((u) => u.unitCode)),
  projects: [...state.projects.values()].sort(byKey((p) => p.projectId)),
})

/**
 * A name from the taxonomy. `buildDisclosure` checks every code of the ledger beforehand, so the
 * fallback (the code itself) is only reached by a caller that skipped that check.
 * @category projections
 */
export const nameOr = (r: Result.Result<string, unknown>, code: string): string =>
  Result.isSuccess(r) ? r.success : code

/** Function (类/款/项) name. @category projections */
export const functionName = (ctx: TableContext, code: string): string =>
  nameOr(ctx.taxonomy.functionName(code), code)
