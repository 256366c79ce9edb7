/**
 * The reference department's years as a store that imported 2025 before 2026 would hold them:
 * each stream's versions from 1, positions global (2025's first, 2026's after).
 *
 * @module testing/years
 */
import type { DepartmentYears } from "../years/ledger-years.ts"
import type { LoggedEvent } from "../logged-event.ts"
import { fixture2025Path, fixturePath, readNdjson } from "./fixture.ts"
import { toLogged } from "./logged.ts"

/** The same events with positions moved up by `by` (a later import in a shared log). @category constructors */
export const shiftPositions = (events: ReadonlyArray<LoggedEvent>, by: number): ReadonlyArray<LoggedEvent> =>
  events.map((e) => ({ ...e, meta: { ...e.meta, position: e.meta.position + by } }))

/** 2025 and 2026 of the reference department, 2025 imported first. @category constructors */
export const referenceYears = (): DepartmentYears => {
  const y2025 = toLogged(readNdjson(fixture2025Path))
  const y2026 = shiftPositions(toLogged(readNdjson(fixturePath)), y2025.length)
  return new Map([
    [2025, y2025],
    [2026, y2026],
  ])
}
