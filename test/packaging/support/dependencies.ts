import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { isBuiltin } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import ts from 'typescript'

// The Electron runtime provides this module itself; it is never packaged.
export const runtimeModule = 'electron'

// The packages a built file imports or requires by bare name (not Node's own modules).
export function bareImports(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true)
  return importedFiles
    .map((imported) => imported.fileName)
    .filter((name) => !name.startsWith('.') && !name.startsWith('/') && !isBuiltin(name))
}

// Imports each specifier with Node's ESM loader from inside dir, as the packaged main process
// would, so a package counts only when it and everything it loads in turn are in the tree. Gives
// the failures, one line each.
export async function importFailures(dir: string, specifiers: string[], workDir: string) {
  const hook = join(workDir, 'electron-runtime-hook.mjs')
  await writeFile(
    hook,
    `export async function resolve(specifier, context, nextResolve) {
  if (specifier === ${JSON.stringify(runtimeModule)}) {
    return { url: 'data:text/javascript,export default {}', shortCircuit: true }
  }
  return nextResolve(specifier, context)
}
`,
  )
  const register = join(workDir, 'register-electron-runtime-hook.mjs')
  await writeFile(
    register,
    `import { register } from 'node:module'\nregister(${JSON.stringify(pathToFileURL(hook).href)})\n`,
  )
  // An --eval module resolves bare names from the working directory.
  const script = `const failures = []
for (const specifier of JSON.parse(process.argv[1])) {
  try { await import(specifier) } catch (error) { failures.push(specifier + ': ' + error.message) }
}
process.stdout.write(JSON.stringify(failures))`
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      '--import',
      pathToFileURL(register).href,
      '--input-type=module',
      '-e',
      script,
      JSON.stringify(specifiers),
    ],
    { cwd: dir },
  )
  return JSON.parse(stdout) as string[]
}
