/**
 * One writer per embedded store. PGlite keeps a folder that only one process may have open: a
 * second process opening it works on its own copy in memory, and whatever it writes is lost when the
 * first one writes back. So opening a folder takes `<dir>/ledger.lock` (created exclusively, holding
 * the opener's pid and command); a second opener is refused while that pid lives, and a lock whose
 * pid is gone (a crashed process) is taken over.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs"
import { join } from "node:path"
import { StoreUnavailable } from "@ledger/eventstore"

/** The lock file's name inside the store folder. @category models */
export const LOCK_FILE = "ledger.lock"

/** What the lock file records. @category models */
interface LockHolder {
  readonly pid: number
  readonly command: string
  readonly since: string
}

/** A held lock; `release` removes the file if it is still ours. @category models */
export interface StoreLock {
  readonly path: string
  readonly release: () => void
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === "EPERM"
  }
}

const readHolder = (path: string): LockHolder | undefined => {
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8")) as Partial<LockHolder>
    return typeof parsed.pid === "number" ? (parsed as LockHolder) : undefined
  } catch {
    return undefined
  }
}

/** The refusal a second opener gets, naming the holder and what to do instead. @category errors */
const lockedMessage = (dir: string, holder: LockHolder): string =>
  `the embedded store ${dir} is in use by another process (pid ${holder.pid}: ${holder.command}, since ${holder.since}); ` +
  `two processes writing one embedded store lose data, so this one opens nothing. ` +
  `While the server runs, use its API (POST /v1/keys, POST /v1/departments/{code}/years/{year}/events, …/publish) ` +
  `or stop it first; for several writers at once use PostgreSQL (DATABASE_URL).`

/**
 * Takes the lock of a store folder, or fails with {@link StoreUnavailable} naming the live holder.
 * A lock file left by a process that no longer runs (or that cannot be read) is replaced.
 * @category constructors
 */
export const acquireStoreLock = (dir: string): StoreLock | StoreUnavailable => {
  const path = join(dir, LOCK_FILE)
  try {
    mkdirSync(dir, { recursive: true })
  } catch (e) {
    return new StoreUnavailable({ reason: `cannot create the store folder ${dir}: ${(e as Error).message}` })
  }
  const me: LockHolder = {
    pid: process.pid,
    command: process.argv.slice(1).join(" ").slice(0, 300),
    since: new Date().toISOString(),
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number
    try {
      fd = openSync(path, "wx")
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST")
        return new StoreUnavailable({ reason: `cannot create ${path}: ${(e as Error).message}` })
      const holder = readHolder(path)
      if (holder !== undefined && alive(holder.pid))
        return new StoreUnavailable({ reason: lockedMessage(dir, holder) })
      rmSync(path, { force: true })
      continue
    }
    writeSync(fd, JSON.stringify(me))
    closeSync(fd)
    const onExit = () => release()
    const release = () => {
      process.removeListener("exit", onExit)
      if (readHolder(path)?.pid === me.pid && readHolder(path)?.since === me.since)
        rmSync(path, { force: true })
    }
    process.once("exit", onExit)
    return { path, release }
  }
  return new StoreUnavailable({ reason: `cannot take the lock ${path}: it keeps reappearing` })
}
