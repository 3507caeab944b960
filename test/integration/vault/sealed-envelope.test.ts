import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto'
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { PassphraseSealer } from '../../../electron/vault/passphrase-sealer'
import {
  SealedFileSecretStore,
  secretsFileName,
} from '../../../electron/vault/sealed-file-secret-store'
import { FakeClock } from '../../support/memory-context'
import { tempFolder } from '../../support/temp-folder'

const passphrase = 'correct horse battery staple'
const secret = 'ksef-token-20251010-EC-1A2B3C4D5E'

interface Envelope {
  format: string
  version: number
  kdf: { name: string; N: number; r: number; p: number; salt: string }
  cipher: string
  iv: string
  tag: string
  data: string
}

const sortedJson = (value: unknown): string =>
  JSON.stringify(value, (_key, child: unknown) =>
    typeof child === 'object' && child !== null && !Array.isArray(child)
      ? Object.fromEntries(Object.entries(child).sort(([a], [b]) => (a < b ? -1 : 1)))
      : child,
  )

/** A secrets file as the version before the authenticated envelope wrote it (version 1, no AAD). */
function versionOneFile(secrets: Record<string, string>): Buffer {
  const kdf = { name: 'scrypt', N: 2 ** 14, r: 8, p: 1, salt: randomBytes(16).toString('base64') }
  const key = scryptSync(passphrase, Buffer.from(kdf.salt, 'base64'), 32, { N: kdf.N, r: 8, p: 1 })
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  const data = Buffer.concat([
    cipher.update(JSON.stringify({ version: 1, secrets }), 'utf8'),
    cipher.final(),
  ])
  const envelope: Envelope = {
    format: 'ksef-desk-sealed',
    version: 1,
    kdf,
    cipher: 'aes-256-gcm',
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  }
  return Buffer.from(JSON.stringify(envelope))
}

describe('the sealed file envelope', () => {
  // One sealer for every case: it keeps the keys it derived, so scrypt runs once per parameter set.
  const sealer = new PassphraseSealer(passphrase)
  let folder: ReturnType<typeof tempFolder>
  let sealed: Envelope
  beforeAll(async () => {
    sealed = JSON.parse(
      (
        await sealer.seal(JSON.stringify({ version: 1, secrets: { 'company/a/token/1': secret } }))
      ).toString('utf8'),
    ) as Envelope
  })
  beforeEach(() => {
    folder = tempFolder()
  })
  afterEach(() => folder.remove())
  const path = () => join(folder.path, secretsFileName)
  const store = () => new SealedFileSecretStore(path(), sealer, new FakeClock())

  it('is version 2, and its fields are the AES-GCM associated data', () => {
    expect(sealed).toMatchObject({ format: 'ksef-desk-sealed', version: 2, cipher: 'aes-256-gcm' })
    const { kdf } = sealed
    const key = scryptSync(passphrase, Buffer.from(kdf.salt, 'base64'), 32, {
      N: kdf.N,
      r: kdf.r,
      p: kdf.p,
      maxmem: 256 * kdf.N * kdf.r,
    })
    const open = (aad: Buffer | undefined) => {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'))
      if (aad) decipher.setAAD(aad)
      decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'))
      return Buffer.concat([
        decipher.update(Buffer.from(sealed.data, 'base64')),
        decipher.final(),
      ]).toString('utf8')
    }
    const header = {
      format: sealed.format,
      version: sealed.version,
      kdf,
      cipher: sealed.cipher,
      iv: sealed.iv,
    }
    expect(open(Buffer.from(sortedJson(header)))).toContain(secret)
    expect(() => open(undefined)).toThrow()
  })

  const changed = (change: (envelope: Envelope) => Envelope) => () =>
    change(structuredClone(sealed))
  const other = (base64: string) => {
    const bytes = Buffer.from(base64, 'base64')
    bytes[0] = (bytes[0] ?? 0) ^ 1
    return bytes.toString('base64')
  }

  it.each([
    ['the version lowered to 1', changed((e) => ({ ...e, version: 1 }))],
    ['the KDF cost N lowered', changed((e) => ({ ...e, kdf: { ...e.kdf, N: 2 ** 14 } }))],
    ['N not a power of two', changed((e) => ({ ...e, kdf: { ...e.kdf, N: 100_000 } }))],
    ['the salt changed', changed((e) => ({ ...e, kdf: { ...e.kdf, salt: other(e.kdf.salt) } }))],
    ['the IV changed', changed((e) => ({ ...e, iv: other(e.iv) }))],
    ['the IV 16 bytes long', changed((e) => ({ ...e, iv: randomBytes(16).toString('base64') }))],
    [
      'the tag cut to 12 bytes',
      changed((e) => ({
        ...e,
        tag: Buffer.from(e.tag, 'base64').subarray(0, 12).toString('base64'),
      })),
    ],
    ['the data changed', changed((e) => ({ ...e, data: other(e.data) }))],
  ])('%s: SECRETS_LOCKED (failed authentication), the file left as it is', async (_case, make) => {
    const bytes = JSON.stringify(make())
    writeFileSync(path(), bytes)
    expect((await store().open())?.code).toBe('SECRETS_LOCKED')
    expect(readdirSync(folder.path)).toEqual([secretsFileName])
    expect(readFileSync(path(), 'utf8')).toBe(bytes)
  })

  it.each([
    ["N above the app's 2^17", changed((e) => ({ ...e, kdf: { ...e.kdf, N: 2 ** 18 } }))],
    ['N of 2^30', changed((e) => ({ ...e, kdf: { ...e.kdf, N: 2 ** 30 } }))],
    ["r above the app's 8", changed((e) => ({ ...e, kdf: { ...e.kdf, r: 9 } }))],
    ["p above the app's 1", changed((e) => ({ ...e, kdf: { ...e.kdf, p: 2 } }))],
    ['N and r traded (2^16, 16)', changed((e) => ({ ...e, kdf: { ...e.kdf, N: 2 ** 16, r: 16 } }))],
  ])(
    '%s: SECRETS_KDF_TOO_COSTLY, refused before deriving, the file left as it is',
    async (_case, make) => {
      const bytes = JSON.stringify(make())
      writeFileSync(path(), bytes)
      const started = performance.now()
      const problem = await new SealedFileSecretStore(
        path(),
        new PassphraseSealer('x'),
        new FakeClock(),
      ).open()
      expect(problem?.code).toBe('SECRETS_KDF_TOO_COSTLY')
      // A fresh sealer holds no key: 2^30 would take minutes and a gigabyte had it been derived.
      expect(performance.now() - started).toBeLessThan(1000)
      expect(readdirSync(folder.path)).toEqual([secretsFileName])
      expect(readFileSync(path(), 'utf8')).toBe(bytes)
    },
  )

  it.each([
    ['another format', changed((e) => ({ ...e, format: 'other' }))],
    ['another cipher', changed((e) => ({ ...e, cipher: 'aes-256-cbc' }))],
    ['a field added', changed((e) => ({ ...e, extra: 1 }))],
    ['the IV missing', changed(({ iv: _iv, ...e }) => e as Envelope)],
  ])(
    "%s: SECRETS_CORRUPT (not this app's envelope), the file left as it is",
    async (_case, make) => {
      const bytes = JSON.stringify(make())
      writeFileSync(path(), bytes)
      expect((await store().open())?.code).toBe('SECRETS_CORRUPT')
      expect(readdirSync(folder.path)).toEqual([secretsFileName])
      expect(readFileSync(path(), 'utf8')).toBe(bytes)
    },
  )

  it('opens a file written before the envelope was authenticated, and writes it again in version 2', async () => {
    writeFileSync(path(), versionOneFile({ 'company/a/token/1': secret, 'company/a/key/1': 'k' }))
    const opened = store()
    expect(await opened.open()).toBeUndefined()
    expect(await opened.get('company/a/token/1')).toBe(secret)

    const rewritten = JSON.parse(readFileSync(path(), 'utf8')) as Envelope
    expect(rewritten).toMatchObject({ format: 'ksef-desk-sealed', version: 2, kdf: { N: 2 ** 17 } })
    expect(readdirSync(folder.path)).toEqual([secretsFileName])
    const reopened = new SealedFileSecretStore(
      path(),
      new PassphraseSealer(passphrase),
      new FakeClock(),
    )
    expect(await reopened.get('company/a/key/1')).toBe('k')
  })

  it('leaves a version 1 file alone when the passphrase is wrong', async () => {
    const bytes = versionOneFile({ 'company/a/token/1': secret })
    writeFileSync(path(), bytes)
    const wrong = new SealedFileSecretStore(path(), new PassphraseSealer('wrong'), new FakeClock())
    expect((await wrong.open())?.code).toBe('SECRETS_LOCKED')
    expect(readFileSync(path())).toEqual(bytes)
  })
})
