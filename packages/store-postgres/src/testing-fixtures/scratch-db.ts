/**
 * Uniquely named scratch databases on the test PostgreSQL server (`LEDGER_PG_URL`), one per test
 * file, so integration files never collide and leave nothing behind.
 */
import { randomUUID } from "node:crypto"
import pg from "pg"

/** The server the integration tests use. */
export const adminUrl = process.env["LEDGER_PG_URL"] ?? "postgres://postgres@127.0.0.1:5432/postgres"

/** The URL of database `name` (optionally as `user`) on the test server. */
export const urlFor = (name: string, user?: string): string => {
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  if (user !== undefined) url.username = user
  return url.toString()
}

/** Runs one statement on the admin database. */
export const adminQuery = async (
  text: string,
  values: ReadonlyArray<unknown> = [],
): Promise<pg.QueryResult> => {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    return await client.query(text, [...values])
  } finally {
    await client.end()
  }
}

/** Creates an empty UTF-8 database and returns its name, URL and a drop function. */
export const createScratchDb = async (label: string) => {
  const name = `ledger_test_${label}_${randomUUID().replaceAll("-", "").slice(0, 10)}`
  await adminQuery(`create database ${name} encoding 'UTF8' template template0`)
  return {
    name,
    url: urlFor(name),
    drop: () => adminQuery(`drop database if exists ${name} with (force)`),
  }
}
