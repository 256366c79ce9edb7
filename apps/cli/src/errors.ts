/**
 * Turns any typed failure into the one or few lines a person at a terminal needs, and an exit code.
 *
 * @module
 */

/** A failure as printed: message lines and the process exit code. */
export interface Printed {
  readonly lines: ReadonlyArray<string>
  readonly exitCode: number
}

const tagOf = (e: unknown): string | undefined =>
  typeof e === "object" && e !== null && "_tag" in e ? String(e._tag) : undefined

/** Describes a failure from the service, the store or the projections. */
export const describeFailure = (error: unknown): Printed => {
  const tag = tagOf(error)
  const message = error instanceof Error ? error.message : String(error)
  switch (tag) {
    case "BatchRejected":
      return {
        lines: ["rejected, nothing was written:", ...message.split("\n").map((l) => "  " + l)],
        exitCode: 1,
      }
    case "UnknownDepartmentYear": {
      const e = error as { department: string; year: number }
      return { lines: [`no events for department ${e.department} in ${e.year}`], exitCode: 1 }
    }
    case undefined:
      return { lines: [message], exitCode: 1 }
    default:
      return { lines: [`${tag}: ${message}`], exitCode: 1 }
  }
}
