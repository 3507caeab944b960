import { describe, expect, it } from 'vitest'
import {
  keychainSealer,
  weakKeychainError,
  type Keychain,
} from '../../../electron/vault/keychain-sealer'

/** safeStorage as far as the sealer uses it; it records what it was asked to encrypt. */
function fakeKeychain(backend: string, available = true) {
  const encrypted: string[] = []
  const keychain: Keychain = {
    isAsyncEncryptionAvailable: () => Promise.resolve(available),
    encryptStringAsync: (plaintext) => {
      encrypted.push(plaintext)
      return Promise.resolve(Buffer.from(`sealed:${plaintext}`))
    },
    decryptStringAsync: (sealed) => {
      const text = sealed.toString('utf8')
      return text.startsWith('sealed:')
        ? Promise.resolve({ result: text.slice('sealed:'.length) })
        : Promise.reject(new Error('Error while decrypting the ciphertext provided'))
    },
    getSelectedStorageBackend: () => backend,
  }
  return { keychain, encrypted }
}

describe('the keychain sealer', () => {
  it('refuses to seal on Linux with the basic_text fallback, and says how to fix it', async () => {
    const { keychain, encrypted } = fakeKeychain('basic_text')
    const refusal = keychainSealer(keychain, 'linux').seal('{"secrets":{}}')
    await expect(refusal).rejects.toMatchObject({ code: 'SECRETS_WEAK_KEYCHAIN' })
    await expect(refusal).rejects.toThrow(/GNOME Keyring or KWallet/)
    expect(encrypted).toEqual([])
  })

  it('still opens a file sealed before, so the user can take the keys elsewhere', async () => {
    const { keychain } = fakeKeychain('basic_text')
    expect(await keychainSealer(keychain, 'linux').open(Buffer.from('sealed:{}'))).toEqual({
      plaintext: '{}',
      outdated: true,
    })
  })

  it.each(['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6'])(
    'seals on Linux with %s: the keychain wraps only a fresh data key',
    async (backend) => {
      const { keychain, encrypted } = fakeKeychain(backend)
      const sealer = keychainSealer(keychain, 'linux')
      const sealed = await sealer.seal('document')
      expect(sealed.toString('utf8')).not.toContain('document')
      expect(encrypted).toHaveLength(1)
      expect(Buffer.from(encrypted[0] ?? '', 'base64')).toHaveLength(32)
      expect(await sealer.open(sealed)).toEqual({ plaintext: 'document', outdated: false })
    },
  )

  it.each(['darwin', 'win32'] as const)(
    'seals on %s, where there is no Linux backend',
    async (platform) => {
      const sealer = keychainSealer(fakeKeychain('unknown').keychain, platform)
      expect((await sealer.open(await sealer.seal('x'))).plaintext).toBe('x')
    },
  )

  describe('its envelope, authenticated as associated data', () => {
    const flip = (base64: string) => {
      const bytes = Buffer.from(base64, 'base64')
      bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1
      return bytes.toString('base64')
    }
    it.each([
      ['the IV changed', (e: Record<string, unknown>) => ({ ...e, iv: flip(String(e['iv'])) })],
      [
        'the data changed',
        (e: Record<string, unknown>) => ({ ...e, data: flip(String(e['data'])) }),
      ],
      ['the tag changed', (e: Record<string, unknown>) => ({ ...e, tag: flip(String(e['tag'])) })],
    ])('%s: SECRETS_LOCKED', async (_case, change) => {
      const sealer = keychainSealer(fakeKeychain('kwallet6').keychain, 'linux')
      const envelope = JSON.parse((await sealer.seal('document')).toString('utf8')) as Record<
        string,
        unknown
      >
      await expect(
        sealer.open(Buffer.from(JSON.stringify(change(envelope)))),
      ).rejects.toMatchObject({ code: 'SECRETS_LOCKED' })
    })

    it.each([
      ['a field added', (e: Record<string, unknown>) => ({ ...e, extra: 1 })],
      ['another version', (e: Record<string, unknown>) => ({ ...e, version: 2 })],
    ])('%s: SECRETS_CORRUPT', async (_case, change) => {
      const sealer = keychainSealer(fakeKeychain('kwallet6').keychain, 'linux')
      const envelope = JSON.parse((await sealer.seal('document')).toString('utf8')) as Record<
        string,
        unknown
      >
      await expect(
        sealer.open(Buffer.from(JSON.stringify(change(envelope)))),
      ).rejects.toMatchObject({ code: 'SECRETS_CORRUPT' })
    })
  })

  it('refuses as SECRETS_LOCKED when the keychain is unavailable or does not open the file', async () => {
    const unavailable = fakeKeychain('gnome_libsecret', false).keychain
    await expect(keychainSealer(unavailable, 'linux').seal('x')).rejects.toMatchObject({
      code: 'SECRETS_LOCKED',
    })
    const { keychain } = fakeKeychain('gnome_libsecret')
    await expect(
      keychainSealer(keychain, 'linux').open(Buffer.from('v11 foreign')),
    ).rejects.toMatchObject({
      code: 'SECRETS_LOCKED',
    })
  })
})

describe('the start-up notice of a weak keychain', () => {
  it('is raised only on Linux with basic_text', () => {
    expect(weakKeychainError(fakeKeychain('basic_text').keychain, 'linux')?.code).toBe(
      'SECRETS_WEAK_KEYCHAIN',
    )
    expect(weakKeychainError(fakeKeychain('kwallet5').keychain, 'linux')).toBeUndefined()
    expect(weakKeychainError(fakeKeychain('basic_text').keychain, 'darwin')).toBeUndefined()
  })
})
