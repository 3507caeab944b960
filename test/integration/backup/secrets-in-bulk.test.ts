// setMany and deleteMany, which a restore uses to seal thousands of secrets in one write: the
// sealed file and memory stores alike.
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  SealedFileSecretStore,
  secretsFileName,
} from '../../../electron/vault/sealed-file-secret-store'
import { MemorySecretStore, type SecretStore } from '../../../electron/vault/secret-store'
import { FakeClock } from '../../support/memory-context'
import { tempFolder } from '../../support/temp-folder'
import { fixedKeySealer } from '../vault/fixed-key-sealer'

const folders: ReturnType<typeof tempFolder>[] = []
afterEach(() => folders.splice(0).forEach((folder) => folder.remove()))

function sealedStore(): { store: () => SecretStore; path: string } {
  const folder = tempFolder()
  folders.push(folder)
  const path = join(folder.path, secretsFileName)
  return { store: () => new SealedFileSecretStore(path, fixedKeySealer, new FakeClock()), path }
}

/** The same store each time, as a reopened file would be. */
function memoryStore(): { store: () => SecretStore } {
  const one = new MemorySecretStore()
  return { store: () => one }
}

describe('secrets in bulk', () => {
  for (const [kind, make] of [
    ['memory', memoryStore],
    ['sealed file', sealedStore],
  ] as const) {
    it(`${kind}: sets many and deletes many, keeping the others`, async () => {
      const { store } = make()
      await store().set('company/a/token/0', 'kept')
      await store().setMany({ 'company/a/token/1': 'one', 'identity/x/key': 'two' })
      await store().setMany({})
      expect(await store().get('company/a/token/0')).toBe('kept')
      expect(await store().get('company/a/token/1')).toBe('one')
      expect(await store().get('identity/x/key')).toBe('two')
      expect(await store().deleteMany(['company/a/token/1', 'identity/x/key', 'nothing'])).toBe(2)
      expect(await store().deleteMany(['nothing'])).toBe(0)
      expect(await store().get('company/a/token/1')).toBeUndefined()
      expect(await store().get('company/a/token/0')).toBe('kept')
    })
  }

  it('sealed file: one write for many, none for nothing to delete', async () => {
    const { store, path } = sealedStore()
    const names = Object.fromEntries(
      Array.from({ length: 2000 }, (_, n) => [`company/${n}/token/${n}`, `value ${n}`]),
    )
    await store().setMany(names)
    expect(await store().get('company/1999/token/1999')).toBe('value 1999')
    const written = statSync(path).mtimeMs
    expect(await store().deleteMany(['company/none/token/1'])).toBe(0)
    expect(statSync(path).mtimeMs).toBe(written)
  })
})
