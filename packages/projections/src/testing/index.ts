/**
 * Test helpers other packages' tests use: the reference fixture and the published document's
 * tables, so every golden test compares against the same parse of the same text.
 *
 * @module
 */
export {
  fixture2025Path,
  fixturePath,
  fixtureText,
  readNdjson,
  referenceDocuments,
  referenceKnownDefectsPath,
  referencePath,
  referenceText,
  repoRoot,
  shanghaiFixturePath,
  shanghaiReferencePath,
} from "./fixture.ts"
export { toLogged } from "./logged.ts"
export { basicLine, department, logged } from "./synthetic.ts"
export { AMOUNT, figureRows, parsePublishedTables, toWidth } from "./reference-parser.ts"
export type { PublishedTable } from "./reference-parser.ts"
export { referenceYears, shiftPositions } from "./years.ts"
