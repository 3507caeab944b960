// A sealer with a fixed key (DESIGN §3: "AES-GCM with a test key"), for tests that start many
// processes: the passphrase sealer's scrypt would cost each of them a second before its first write.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'
import type { Sealer } from '../../../electron/vault/sealer'
import { AppError } from '../../../shared/ipc/errors'

const key = createHash('sha256').update('ksef-desk test key').digest()

export const fixedKeySealer: Sealer = {
  seal(plaintext) {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', key, iv)
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
    return Promise.resolve(Buffer.concat([iv, cipher.getAuthTag(), data]))
  },
  open(sealed) {
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12))
      decipher.setAuthTag(sealed.subarray(12, 28))
      const plaintext = Buffer.concat([
        decipher.update(sealed.subarray(28)),
        decipher.final(),
      ]).toString('utf8')
      return Promise.resolve({ plaintext, outdated: false })
    } catch {
      return Promise.reject(new AppError('SECRETS_LOCKED', 'Not sealed with the test key.'))
    }
  },
}
