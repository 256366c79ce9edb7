/**
 * The narrative of a disclosure (第三部分 情况说明, sections 一 to 十二) as a pure function of the
 * folded stream: the `narrative` field of `budget-disclosure/v1`. No clock, no randomness: the same
 * events always give the same sentences.
 *
 * @module narrative/build-narrative
 */
import { sectionFour, sectionOne, sectionThree, sectionTwo } from "./sections-budget.ts"
import { sectionEight, sectionFive, sectionSeven, sectionSix } from "./sections-general.ts"
import { sectionEleven, sectionNine, sectionTen, sectionTwelve } from "./sections-management.ts"
import type { NarrativeInput, NarrativeSection, SectionContext } from "./types.ts"

const SECTIONS = [
  sectionOne,
  sectionTwo,
  sectionThree,
  sectionFour,
  sectionFive,
  sectionSix,
  sectionSeven,
  sectionEight,
  sectionNine,
  sectionTen,
  sectionEleven,
  sectionTwelve,
] as const

/**
 * Builds sections 一 to 十二. The department is named as its profile names it; a stream without a
 * profile yet still builds, with an empty name, so a half-imported log never throws.
 * @category projections
 */
export const buildNarrative = (input: NarrativeInput): ReadonlyArray<NarrativeSection> => {
  const ctx: SectionContext = {
    ...input,
    department: input.state.profile?.name ?? "",
    priorYear: input.state.priorYear?.year,
  }
  return SECTIONS.map((section) => section(ctx))
}
