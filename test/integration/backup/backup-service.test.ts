// Kopia zapasowa over in-memory stores, through dispatch as the window calls it: one office's data
// backed up, then previewed and restored into another that already has one of its companies.
import { describe, expect, it } from 'vitest'
import { createTestCertificate } from '../../../electron/crypto/test-certificates'
import { createDispatch } from '../../../electron/dispatch'
import type { FileSaver } from '../../../electron/files/file-saver'
import { handlers } from '../../../electron/handlers'
import { identityKeySecret } from '../../../electron/identities/identity-repository'
import { certificateKeySecret, tokenSecret } from '../../../electron/vault/secret-store'
import type { BackupPreview, BackupRestoreResult } from '../../../shared/domain/backup'
import type { Company } from '../../../shared/domain/company'
import type { CertificateSummary } from '../../../shared/domain/credentials'
import type { IdentityRow } from '../../../shared/domain/identities'
import { nthNip } from '../../support/company-seed'
import { FakeClock, memoryContext } from '../../support/memory-context'

const passphrase = 'Kopia zapasowa biura 2026'
const token = (nip: string, n: number) =>
  `20261101-EC-${String(n).padStart(10, '0')}-ABCDEF0123-45|nip-${nip}|${'ab'.repeat(20)}${n}`

async function app() {
  let saved: Uint8Array | undefined
  const fileSaver: FileSaver = {
    save: (files) => {
      saved = files[0]?.bytes
      return Promise.resolve(
        files.map((f) => ({ name: f.name, saved: true, location: `/x/${f.name}` })),
      )
    },
  }
  // Now: the certificates made for the test are valid from a minute ago.
  const harness = await memoryContext({ fileSaver, clock: new FakeClock(Date.now()) })
  const dispatch = createDispatch(handlers, harness.ctx)
  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const envelope = await dispatch(channel, input)
    if (!envelope.ok) throw Object.assign(new Error(envelope.error.code), envelope.error)
    return envelope.value as T
  }
  const company = (n: number, name = `Klient ${n}`) =>
    call<Company>('companies:add', {
      name,
      identifier: { type: 'Nip', value: nthNip(n) },
      environment: 'Test',
    })
  const audit = async () => {
    await harness.ctx.audit.flush()
    return harness.auditFile.text
      .split('\n')
      .filter((line) => line !== '')
      .map(
        (line) => JSON.parse(line) as { action: string; result: string; errorCode: string | null },
      )
  }
  return { ...harness, dispatch, call, company, audit, saved: () => saved }
}

const file = (bytes: Uint8Array) => ({
  name: 'kopia.ksefbackup',
  base64: Buffer.from(bytes).toString('base64'),
})

async function office() {
  const a = await app()
  const first = await a.company(1)
  const second = await a.company(2)
  const certificate = await a.call<CertificateSummary>('certificates:createTest', {
    companyId: first.id,
  })
  await a.call('tokens:add', { companyId: second.id, token: token(nthNip(2), 2) })
  const made = await createTestCertificate(
    { kind: 'seal', organizationName: 'Biuro Rachmistrz', nip: nthNip(900) },
    { usage: 'Authentication' },
  )
  const base64 = (text: string) => Buffer.from(text).toString('base64')
  const identity = await a.call<IdentityRow>('identities:import', {
    files: {
      certificate: { name: 'biuro.crt', base64: base64(made.certificatePem) },
      privateKey: {
        name: 'biuro.key',
        base64: base64(made.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()),
      },
    },
    password: '',
  })
  await a.call('identities:assign', { identityId: identity.id, companyIds: [second.id] })
  await a.call('preferences:update', { tokensAfter2026: true })
  const files = await a.call('backup:create', { passphrase })
  const name = `kopia-ksef-desk-${new Date(a.clock.now()).toISOString().slice(0, 10)}.ksefbackup`
  expect(files).toEqual([{ name, saved: true, location: `/x/${name}` }])
  const bytes = a.saved()
  if (!bytes) throw new Error('no backup saved')
  return { a, first, second, certificate, identity, bytes }
}

describe('Kopia zapasowa', () => {
  it('previews, refuses unresolved conflicts, then restores in one go with keep/replace', async () => {
    const { a, first, second, certificate, identity, bytes } = await office()
    expect(Buffer.from(bytes).includes(Buffer.from('Klient 1'))).toBe(false)
    expect((await a.audit()).filter((e) => e.action === 'backup.create')).toMatchObject([
      { result: 'ok' },
    ])

    const b = await app()
    const here = await b.company(2, 'Klient drugi (tutaj)')
    await b.call('tokens:add', { companyId: here.id, token: token(nthNip(2), 7) })
    const hereToken = b.ctx.credentials.tokens(here.id)[0]
    const before = b.settings.read()

    const preview = await b.call<BackupPreview>('backup:preview', {
      file: file(bytes),
      passphrase,
    })
    const secondKey = `Nip:${nthNip(2)}:Test`
    expect(preview).toMatchObject({
      fileName: 'kopia.ksefbackup',
      appVersion: '0.0.0-test',
      certificates: 1,
      tokens: 1,
      preferencesDiffer: true,
      conflicts: [secondKey, 'preferences'],
      identities: [{ name: 'Biuro Rachmistrz', alreadyHere: false }],
      companies: [
        { name: 'Klient 1', certificates: 1, tokens: 0, identityName: null, existing: null },
        {
          companyKey: secondKey,
          name: 'Klient 2',
          certificates: 0,
          tokens: 1,
          identityName: 'Biuro Rachmistrz',
          existing: { id: here.id, name: 'Klient drugi (tutaj)' },
        },
      ],
    })
    expect(b.settings.read()).toEqual(before)

    await expect(
      b.call('backup:restore', { previewId: preview.previewId, resolutions: {} }),
    ).rejects.toMatchObject({
      code: 'BACKUP_CONFLICT_UNRESOLVED',
      details: { companyKeys: `${secondKey}, preferences`, count: 2 },
    })
    await expect(
      b.call('backup:restore', {
        previewId: preview.previewId,
        resolutions: { [secondKey]: 'replace', preferences: 'keep', 'Nip:1:Test': 'keep' },
      }),
    ).rejects.toMatchObject({
      code: 'BACKUP_RESOLUTION_UNKNOWN',
      details: { companyKey: 'Nip:1:Test' },
    })
    expect(b.settings.read()).toEqual(before)

    const result = await b.call<BackupRestoreResult>('backup:restore', {
      previewId: preview.previewId,
      resolutions: { [secondKey]: 'replace', preferences: 'keep' },
    })
    expect(result).toEqual({
      added: [first.id],
      replaced: [here.id],
      kept: [],
      identitiesAdded: 1,
      certificates: 1,
      tokens: 1,
      preferences: 'kept',
    })
    const restored = b.settings.read()
    expect(restored.preferences.tokensAfter2026).toBe(false)
    expect(restored.companies.map((c) => [c.id, c.name])).toEqual([
      [here.id, 'Klient 2'],
      [first.id, 'Klient 1'],
    ])
    // The certificate, its file and key, under new ids in the restored company.
    const [copy] = b.ctx.credentials.certificates(first.id)
    expect(copy).toMatchObject({ serialNumber: certificate.serialNumber, isDefault: true })
    expect(copy?.id).not.toBe(certificate.id)
    expect(await b.ctx.certificateFiles.read(copy?.id ?? '')).toBe(
      await a.ctx.certificateFiles.read(certificate.id),
    )
    expect(await b.secrets.get(certificateKeySecret(first.id, copy?.id ?? ''))).toBe(
      await a.secrets.get(certificateKeySecret(first.id, certificate.id)),
    )
    // The replaced company's own token went, the backup's came with its secret.
    const tokens = b.ctx.credentials.tokens(here.id)
    expect(tokens.map((t) => t.referenceNumber)).toEqual([
      a.ctx.credentials.tokens(second.id)[0]?.referenceNumber,
    ])
    expect(await b.secrets.get(tokenSecret(here.id, tokens[0]?.id ?? ''))).toBe(token(nthNip(2), 2))
    expect(await b.secrets.get(tokenSecret(here.id, hereToken?.id ?? ''))).toBeUndefined()
    // The identity, its key, and the company it logs in.
    const [identityHere] = b.ctx.identities.list()
    expect(identityHere).toMatchObject({
      fingerprintSha256: identity.fingerprintSha256,
      companyIds: [here.id],
    })
    expect(await b.secrets.get(identityKeySecret(identityHere?.id ?? ''))).toBe(
      await a.secrets.get(identityKeySecret(identity.id)),
    )
    expect((await b.audit()).filter((e) => e.action.startsWith('backup.'))).toMatchObject([
      { action: 'backup.restore', result: 'ok' },
    ])
    expect(b.events.emitted.some((e) => e.event === 'companies:changed')).toBe(true)

    // A preview is used once.
    await expect(
      b.call('backup:restore', { previewId: preview.previewId, resolutions: {} }),
    ).rejects.toMatchObject({ code: 'BACKUP_PREVIEW_NOT_FOUND' })

    // Again into the same folder, keeping everything: nothing changes, the identity is not doubled.
    const again = await b.call<BackupPreview>('backup:preview', { file: file(bytes), passphrase })
    expect(again.identities).toMatchObject([{ alreadyHere: true }])
    const keepAll = Object.fromEntries(again.conflicts.map((key) => [key, 'keep']))
    const settled = b.settings.read()
    expect(
      await b.call<BackupRestoreResult>('backup:restore', {
        previewId: again.previewId,
        resolutions: keepAll,
      }),
    ).toMatchObject({ added: [], replaced: [], kept: [first.id, here.id], identitiesAdded: 0 })
    expect(b.settings.read().companies).toEqual(settled.companies)
    expect(b.settings.read().identities).toEqual(settled.identities)
  })

  it('refuses a short passphrase, a wrong one, a changed file, and an unknown preview, exactly', async () => {
    const { bytes } = await office()
    const b = await app()
    const before = b.settings.read()
    await expect(b.call('backup:create', { passphrase: 'za krótkie' })).rejects.toMatchObject({
      code: 'BACKUP_PASSPHRASE_TOO_SHORT',
      details: { minLength: 12 },
    })
    await expect(b.call('backup:create', { passphrase: 'x'.repeat(1025) })).rejects.toMatchObject({
      code: 'BACKUP_PASSPHRASE_TOO_LONG',
      details: { maxLength: 1024 },
    })
    const wrong = await b.dispatch('backup:preview', {
      file: file(bytes),
      passphrase: 'Kopia zapasowa biura 2025',
    })
    expect(wrong).toEqual({
      ok: false,
      error: {
        code: 'BACKUP_WRONG_PASSPHRASE',
        message: 'This is not the passphrase of this backup. Nothing was changed.',
      },
    })
    const changed = Buffer.from(bytes)
    changed[200] = (changed[200] ?? 0) ^ 0xff
    await expect(
      b.call('backup:preview', { file: file(changed), passphrase }),
    ).rejects.toMatchObject({ code: 'BACKUP_CORRUPT' })
    await expect(
      b.call('backup:restore', { previewId: 'none', resolutions: {} }),
    ).rejects.toMatchObject({ code: 'BACKUP_PREVIEW_NOT_FOUND' })
    expect(b.settings.read()).toEqual(before)
    expect(await b.audit()).toEqual([])
  })
})
