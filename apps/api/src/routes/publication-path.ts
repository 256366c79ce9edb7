/**
 * The by-hash URL of a published document (see `publications.ts`), on its own so the disclosure
 * route can link to it without importing the route that serves it.
 */

/** The public, immutable URL of the document sealed with `documentHash`. @category constructors */
export const publicationPath = (department: string, year: number, documentHash: string): string =>
  `/v1/public/departments/${department}/years/${year}/publications/${documentHash}`
