import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createDispatch } from '../../../electron/dispatch'
import { handlers } from '../../../electron/handlers'
import { openNodeServices } from '../../../electron/node-services'
import { PassphraseSealer } from '../../../electron/vault/passphrase-sealer'
import {
  SealedFileSecretStore,
  secretsFileName,
} from '../../../electron/vault/sealed-file-secret-store'
import type { AppStatus } from '../../../shared/domain/app-status'
import { FakeClock } from '../../support/memory-context'
import { tempFolder } from '../../support/temp-folder'

const right = 'the passphrase that sealed it'

describe('app:resetSecrets: starting afresh when the secrets file does not open', () => {
  let folder: ReturnType<typeof tempFolder>
  beforeEach(() => {
    folder = tempFolder()
  })
  afterEach(() => folder.remove())

  const secretsFile = () => join(folder.path, secretsFileName)
  const open = (passphrase: string) =>
    openNodeServices({ dataFolder: folder.path, passphrase, clock: new FakeClock() })

  beforeEach(async () => {
    const services = await open(right)
    await services.ctx.secrets.set('company/a/token/1', 'the old token')
    await services.close()
  })

  it('moves the locked file aside intact, starts an empty store and drops the notice', async () => {
    const sealedBefore = readFileSync(secretsFile())
    const { ctx, close } = await open('a wrong passphrase')
    expect(ctx.notices.list().map((notice) => notice.error.code)).toEqual(['SECRETS_LOCKED'])
    await expect(ctx.secrets.get('company/a/token/1')).rejects.toMatchObject({
      code: 'SECRETS_LOCKED',
    })

    const envelope = await createDispatch(handlers, ctx)('app:resetSecrets', undefined)

    expect(envelope.ok).toBe(true)
    expect((envelope as { value: AppStatus }).value.notices).toEqual([])
    const movedTo = `${secretsFile()}.corrupt-2026-11-21T09-00-00-000Z`
    expect(readFileSync(movedTo)).toEqual(sealedBefore)
    expect(await ctx.secrets.get('company/a/token/1')).toBeUndefined()
    await ctx.secrets.set('company/b/token/1', 'a new token')
    expect(await ctx.secrets.get('company/b/token/1')).toBe('a new token')
    await close()

    // The new file is on disk, sealed with the passphrase now in use; the old one still opens.
    const reopened = await open('a wrong passphrase')
    expect(reopened.ctx.notices.list()).toEqual([])
    expect(await reopened.ctx.secrets.get('company/b/token/1')).toBe('a new token')
    await reopened.close()
    const kept = new SealedFileSecretStore(movedTo, new PassphraseSealer(right), new FakeClock())
    expect(await kept.get('company/a/token/1')).toBe('the old token')
  })

  it('refuses with SECRETS_NOT_LOCKED when the file opens, moving nothing', async () => {
    const sealedBefore = readFileSync(secretsFile())
    const { ctx, close } = await open(right)

    const envelope = await createDispatch(handlers, ctx)('app:resetSecrets', undefined)

    expect(envelope).toMatchObject({ ok: false, error: { code: 'SECRETS_NOT_LOCKED' } })
    expect(readFileSync(secretsFile())).toEqual(sealedBefore)
    expect(readdirSync(folder.path).filter((name) => name.includes('.corrupt-'))).toEqual([])
    expect(await ctx.secrets.get('company/a/token/1')).toBe('the old token')
    await close()
  })
})
