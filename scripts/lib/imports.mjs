/**
 * Lists the module specifiers a TypeScript file imports, using the TypeScript parser so that
 * `import type`, re-exports, dynamic `import()` and `import("x").T` types are all seen the way the
 * compiler sees them. Used by the dependency-direction check; it reads files, never resolves them.
 */
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import ts from "typescript"

/**
 * One import found in a file.
 * @typedef {{ specifier: string, line: number, typeOnly: boolean }} FoundImport
 */

/** Folders never walked: installed code, build output and caches. */
const SKIP_DIRS = new Set(["node_modules", "dist", ".cache", ".turbo", "coverage", ".ledger"])
const SOURCE_FILE = /\.(?:ts|tsx|mts|cts)$/

/**
 * Every TypeScript source file under `dir`, recursively, skipping build output and dependencies.
 * @param {string} dir
 * @returns {string[]}
 */
export const walkSources = (dir) => {
  /** @type {string[]} */
  const out = []
  /** @param {string} d */
  const visit = (d) => {
    /** @type {import("node:fs").Dirent[]} */
    let entries
    try {
      entries = readdirSync(d, { withFileTypes: true })
    } catch {
      return
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(d, entry.name)
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) visit(full)
      } else if (SOURCE_FILE.test(entry.name) && !entry.name.endsWith(".d.ts")) {
        out.push(full)
      }
    }
  }
  visit(dir)
  return out
}

/**
 * True when an import declaration brings in types only (`import type`, or every named binding
 * marked `type`), so it vanishes from the emitted JavaScript.
 * @param {ts.ImportDeclaration} node
 */
const isTypeOnlyImport = (node) => {
  const clause = node.importClause
  if (clause === undefined) return false
  if (clause.isTypeOnly) return true
  if (clause.name !== undefined) return false
  const bindings = clause.namedBindings
  if (bindings === undefined || !ts.isNamedImports(bindings)) return false
  return bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly)
}

/**
 * Every import of one file: static imports, re-exports, `import x = require()`, dynamic
 * `import()`/`require()` with a literal argument and `import("x")` type nodes.
 * @param {string} file
 * @returns {FoundImport[]}
 */
export const importsOf = (file) => {
  const text = readFileSync(file, "utf8")
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true)
  /** @type {FoundImport[]} */
  const found = []
  /** @param {ts.Node} at @param {string} specifier @param {boolean} typeOnly */
  const add = (at, specifier, typeOnly) => {
    const line = source.getLineAndCharacterOfPosition(at.getStart(source)).line + 1
    found.push({ specifier, line, typeOnly })
  }
  /** @param {ts.Node} node */
  const visit = (node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node, node.moduleSpecifier.text, isTypeOnlyImport(node))
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier !== undefined &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      add(node, node.moduleSpecifier.text, node.isTypeOnly)
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)
    ) {
      add(node, node.moduleReference.expression.text, node.isTypeOnly)
    } else if (ts.isCallExpression(node) && node.arguments.length >= 1) {
      const arg = node.arguments[0]
      const isImport = node.expression.kind === ts.SyntaxKind.ImportKeyword
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === "require"
      if ((isImport || isRequire) && arg !== undefined && ts.isStringLiteralLike(arg)) {
        add(node, arg.text, false)
      }
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      add(node, node.argument.literal.text, true)
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}
