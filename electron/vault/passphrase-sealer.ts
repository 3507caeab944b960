import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto'
import { z } from 'zod'
import { AppError } from '../../shared/ipc/errors'
import type { Sealer } from './sealer'

const format = 'ksef-desk-sealed'

// scrypt N=2^15, r=8 (OWASP's minimum for scrypt is 2^17 with r=8, p=1 for password storage;
// here the cost is paid once per process, so we take 2^17).
const kdfParameters = { N: 2 ** 17, r: 8, p: 1 } as const

const Envelope = z.object({
  format: z.literal(format),
  version: z.literal(1),
  kdf: z.object({
    name: z.literal('scrypt'),
    N: z.number().int(),
    r: z.number().int(),
    p: z.number().int(),
    salt: z.base64(),
  }),
  cipher: z.literal('aes-256-gcm'),
  iv: z.base64(),
  tag: z.base64(),
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
