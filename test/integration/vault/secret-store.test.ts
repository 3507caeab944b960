import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openNodeServices } from '../../../electron/node-services'
import { PassphraseSealer } from '../../../electron/vault/passphrase-sealer'
import {
  SealedFileSecretStore,
  secretsFileName,
} from '../../../electron/vault/sealed-file-secret-store'
import { FakeClock } from '../../support/memory-context'
import { filesContaining, tempFolder } from '../../support/temp-folder'

const secret = 'ksef-token-20251010-EC-1A2B3C4D5E-F6A7B8C9D0-1F|nip-5265877635|9f8e7d6c5b4a'

describe('sealed secrets file', () => {
  let folder: ReturnType<typeof tempFolder>
  beforeEach(() => {
    folder = tempFolder()
  })
  afterEach(() => folder.remove())
  const path = () => join(folder.path, secretsFileName)
  const store = (passphrase = 'correct horse battery staple') =>
    new SealedFileSecretStore(path(), new PassphraseSealer(passphrase), new FakeClock())

  it('keeps secrets across a restart', async () => {
    await store().set('company/a/token/1', secret)
    await store().set('company/a/key/1', 'second')
    const reopened = store()
    expect(await reopened.get('company/a/token/1')).toBe(secret)
    expect(await reopened.get('company/a/key/1')).toBe('second')
  })

  it('never writes a secret, or its name, in plaintext anywhere in the data folder', async () => {
    const { ctx, close } = await openNodeServices({
      dataFolder: folder.path,
      passphrase: 'pass phrase',
      clock: new FakeClock(),
    })
    await ctx.secrets.set('company/6f1c2b8e/token/1', secret)
    await ctx.secrets.set('company/6f1c2b8e/key/1', 'private key body MIGHAgEAMBMGByqGSM49')
    await close()

    expect(readdirSync(folder.path)).toContain(secretsFileName)
    expect(filesContaining(folder.path, secret)).toEqual([])
    expect(filesContaining(folder.path, 'MIGHAgEAMBMGByqGSM49')).toEqual([])
    expect(filesContaining(folder.path, '6f1c2b8e')).toEqual([])
  })

  it('refuses a wrong passphrase and leaves the file untouched', async () => {
    await store().set('company/a/token/1', secret)
    const before = readFileSync(path())
    const wrong = store('wrong passphrase')
    await expect(wrong.get('company/a/token/1')).rejects.toMatchObject({ code: 'SECRETS_LOCKED' })
    await expect(wrong.set('company/a/token/2', 'x')).rejects.toMatchObject({
      code: 'SECRETS_LOCKED',
    })
    expect(readFileSync(path())).toEqual(before)
    expect(await store().get('company/a/token/1')).toBe(secret)
  })

  it('refuses a tampered file as locked, without moving it', async () => {
    await store().set('company/a/token/1', secret)
    const envelope = JSON.parse(readFileSync(path(), 'utf8')) as { data: string }
    const data = Buffer.from(envelope.data, 'base64')
    data[0] = (data[0] ?? 0) ^ 1
    writeFileSync(path(), JSON.stringify({ ...envelope, data: data.toString('base64') }))
    expect((await store().open())?.code).toBe('SECRETS_LOCKED')
    expect(readdirSync(folder.path)).toEqual([secretsFileName])
  })

  it('reports a file that is not sealed data as SECRETS_CORRUPT and leaves it in place', async () => {
    writeFileSync(path(), 'garbage, not a sealed file')
    const opened = store()
    const problem = await opened.open()
    expect(problem?.code).toBe('SECRETS_CORRUPT')
    expect(readdirSync(folder.path)).toEqual([secretsFileName])
    await expect(opened.set('company/a/token/1', secret)).rejects.toMatchObject({
      code: 'SECRETS_CORRUPT',
    })
    expect(readFileSync(path(), 'utf8')).toBe('garbage, not a sealed file')
  })

  it('reports a zero-length file (a power loss) as SECRETS_EMPTY, in its own words', async () => {
    writeFileSync(path(), '')
    const problem = await store().open()
    expect(problem?.code).toBe('SECRETS_EMPTY')
    expect(problem?.message).toMatch(/empty \(0 bytes\)/)
    expect(problem?.message).not.toMatch(/desktop app/)
    expect(readdirSync(folder.path)).toEqual([secretsFileName])
  })

  it("at the user's word only, sets a file that does not open aside and starts afresh", async () => {
    writeFileSync(path(), 'garbage, not a sealed file')
    const opened = store()
    expect((await opened.open())?.code).toBe('SECRETS_CORRUPT')
    const movedTo = await opened.startAfreshWhenLocked()
    expect(readFileSync(String(movedTo), 'utf8')).toBe('garbage, not a sealed file')
    await opened.set('company/a/token/1', secret)
    expect(await store().get('company/a/token/1')).toBe(secret)
  })

  it('deletes by prefix', async () => {
    const secrets = store()
    await secrets.set('company/a/token/1', '1')
    await secrets.set('company/a/key/1', '2')
    await secrets.set('company/b/token/1', '3')
    expect(await secrets.deleteAll('company/a/')).toBe(2)
    const reopened = store()
    expect(await reopened.get('company/a/token/1')).toBeUndefined()
    expect(await reopened.get('company/b/token/1')).toBe('3')
  })

  it('serialises concurrent writes so none is lost', async () => {
    const secrets = store()
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => secrets.set(`company/a/n/${i}`, String(i))),
    )
    const reopened = store()
    for (let i = 0; i < 20; i++) expect(await reopened.get(`company/a/n/${i}`)).toBe(String(i))
  })
})
