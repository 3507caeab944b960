import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach } from 'vitest'

export function tempFolder(prefix = 'ksef-desk-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix))
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) }
}

/** Every file under a folder, recursively, with its bytes. */
export function filesUnder(folder: string): { path: string; bytes: Buffer }[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [{ path, bytes: readFileSync(path) }]
  })
}

/**
 * Where a secret shows up in a folder's files: as text, or in the encodings a careless
 * implementation would use (base64, hex).
 */
export function filesContaining(folder: string, secret: string): string[] {
  const needles = [
    Buffer.from(secret, 'utf8'),
    Buffer.from(Buffer.from(secret, 'utf8').toString('base64'), 'utf8'),
    Buffer.from(Buffer.from(secret, 'utf8').toString('hex'), 'utf8'),
  ]
  return filesUnder(folder)
    .filter(({ bytes }) => needles.some((needle) => bytes.includes(needle)))
    .map(({ path }) => path)
}

/**
 * A fresh folder for each test of the calling describe, made while the process umask is 022 (the
 * usual one, under which a careless write is world-readable), and the umask given back after.
 */
export function folderEachTestUnderUmask022(): { readonly path: string } {
  let folder: ReturnType<typeof tempFolder> | undefined
  let umask = 0
  beforeEach(() => {
    folder = tempFolder()
    umask = process.umask(0o022)
  })
  afterEach(() => {
    process.umask(umask)
    folder?.remove()
  })
  return {
    get path() {
      if (!folder) throw new Error('the folder exists only while a test runs')
      return folder.path
    },
  }
}
