/**
 * `pnpm ledger <command>`: the command line of budget-ledger. Each command opens the chosen store,
 * does one thing through the same service the API uses, closes the store and exits with a code a
 * script can test (0 done, 1 refused or failed, 2 usage, 3 the ledger's history is broken).
 *
 * @module
 */
import { describeFailure } from "./errors.ts"
import { UsageError } from "./args.ts"
import { commands, HELP } from "./commands/index.ts"

const main = async (argv: ReadonlyArray<string>): Promise<number> => {
  const [name, ...rest] = argv
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    process.stdout.write(HELP)
    return name === undefined ? 2 : 0
  }
  const command = commands[name]
  if (command === undefined) {
    process.stderr.write(`unknown command "${name}"\n\n${HELP}`)
    return 2
  }
  try {
    return await command(rest, {
      env: process.env,
      stdout: process.stdout,
      stderr: process.stderr,
      cwd: process.cwd(),
    })
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${HELP}`)
      return 2
    }
    const printed = describeFailure(error)
    process.stderr.write(printed.lines.join("\n") + "\n")
    return printed.exitCode
  }
}

// `ledger disclosure … | head` closes the pipe early; that is not an error.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0)
  throw e
})

process.exitCode = await main(process.argv.slice(2))
