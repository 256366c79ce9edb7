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

/**
 * The exit code of every command that found the ledger's history broken (its hash chain does not
 * match, or it disagrees with an anchor): distinct from 1 (refused or failed) and 2 (usage), so a
 * script can raise the alarm.
 */
export const EXIT_BROKEN_HISTORY = 3

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
    case "LedgerIntegrity":
      return {
        lines: [`BROKEN HISTORY: ${message}`, "nothing was built, printed or written; run `ledger verify`"],
        exitCode: EXIT_BROKEN_HISTORY,
      }
    case undefined:
      return { lines: [message], exitCode: 1 }
    default:
      return { lines: [`${tag}: ${message}`], exitCode: 1 }
  }
}
