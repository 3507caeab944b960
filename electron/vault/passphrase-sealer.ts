import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto'
import { z } from 'zod'
import { AppError } from '../../shared/ipc/errors'
import type { Sealer } from './sealer'

const format = 'ksef-desk-sealed'

// OWASP's minimum for scrypt: N=2^17, r=8, p=1 (128 MiB). The key is derived once per process
// and kept, so the cost is paid once.
const kdfParameters = { N: 2 ** 17, r: 8, p: 1 } as const

/** Base64 whose bytes number between min and max. */
const base64Bytes = (min: number, max: number) =>
  z.base64().refine((text) => {
    const length = Buffer.from(text, 'base64').length
    return length >= min && length <= max
  })

// The file says how its key is derived, and a tampered file must not make opening it cost
// gigabytes or minutes: each parameter within what scrypt is used with, and all together at most
// four times our own cost (512 MiB, about 2 s); anything else makes the file damaged, not a
// command to obey. N must be a power of two for scrypt to run at all.
const Kdf = z
  .object({
    name: z.literal('scrypt'),
    N: z
      .number()
      .int()
      .min(2)
      .max(2 ** 20)
      .refine((n) => (n & (n - 1)) === 0),
    r: z.number().int().min(1).max(16),
    p: z.number().int().min(1).max(4),
    salt: base64Bytes(16, 64),
  })
  .refine((kdf) => kdf.N * kdf.r * kdf.p <= 4 * kdfParameters.N * kdfParameters.r)

const Envelope = z.object({
  format: z.literal(format),
  version: z.literal(1),
  kdf: Kdf,
  cipher: z.literal('aes-256-gcm'),
  iv: base64Bytes(12, 12),
  tag: base64Bytes(16, 16),
  data: z.base64(),
})
type Envelope = z.infer<typeof Envelope>

/** AES-256-GCM under a key derived from a passphrase with scrypt. */
export class PassphraseSealer implements Sealer {
  readonly #passphrase: string
  readonly #keys = new Map<string, Promise<Buffer>>()
  #salt: string | undefined

  constructor(passphrase: string) {
    if (passphrase.length === 0)
      throw new AppError('SECRETS_LOCKED', 'An empty passphrase cannot seal secrets.')
    this.#passphrase = passphrase
  }

  async seal(plaintext: string): Promise<Buffer> {
    this.#salt ??= randomBytes(16).toString('base64')
    const kdf = { name: 'scrypt' as const, ...kdfParameters, salt: this.#salt }
    const key = await this.#key(kdf)
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', key, iv)
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
    const envelope: Envelope = {
      format,
      version: 1,
      kdf,
      cipher: 'aes-256-gcm',
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    }
    return Buffer.from(JSON.stringify(envelope), 'utf8')
  }

  async open(sealed: Buffer): Promise<string> {
    const envelope = parseEnvelope(sealed)
    const key = await this.#key(envelope.kdf)
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(envelope.iv, 'base64'))
    decipher.setAuthTag(Buffer.from(envelope.tag, 'base64'))
    try {
      const plain = Buffer.concat([
        decipher.update(Buffer.from(envelope.data, 'base64')),
        decipher.final(),
      ]).toString('utf8')
      this.#salt = envelope.kdf.salt
      return plain
    } catch {
      // GCM cannot tell a wrong passphrase from tampering; either way the file must stay as it is.
      throw new AppError(
        'SECRETS_LOCKED',
        'The secrets file does not open with this passphrase (wrong passphrase, or the file was altered).',
      )
    }
  }

  #key(kdf: Envelope['kdf']): Promise<Buffer> {
    const id = `${kdf.N}:${kdf.r}:${kdf.p}:${kdf.salt}`
    let key = this.#keys.get(id)
    if (!key) {
      key = new Promise<Buffer>((resolve, reject) => {
        scrypt(
          this.#passphrase,
          Buffer.from(kdf.salt, 'base64'),
          32,
          { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r },
          (error, derived) => (error ? reject(error) : resolve(derived)),
        )
      })
      this.#keys.set(id, key)
    }
    return key
  }
}

function parseEnvelope(sealed: Buffer): Envelope {
  let json: unknown
  try {
    json = JSON.parse(sealed.toString('utf8'))
  } catch {
    throw new AppError('SECRETS_CORRUPT', 'The secrets file is not a sealed secrets file.')
  }
  const parsed = Envelope.safeParse(json)
  if (!parsed.success)
    throw new AppError('SECRETS_CORRUPT', 'The secrets file is not a sealed secrets file.')
  return parsed.data
}
