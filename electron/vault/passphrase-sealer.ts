import { randomBytes, scrypt } from 'node:crypto'
import { z } from 'zod'
import { AppError } from '../../shared/ipc/errors'
import { associatedData, openEnvelope, sealEnvelope, type Sealer } from './sealer'

const format = 'ksef-desk-sealed'

/** Version 2 authenticates the envelope (associated data); version 1 files are read, then resealed. */
const currentVersion = 2

// OWASP's minimum for scrypt: N=2^17, r=8, p=1 (128 MiB). The key is derived once per process
// and kept, so the cost is paid once.
const kdfParameters = { N: 2 ** 17, r: 8, p: 1 } as const

export interface ScryptParameters {
  N: number
  r: number
  p: number
}

/** Turns the passphrase and a file's salt into its 32-byte key. */
export type KeyDerivation = (
  passphrase: string,
  salt: Buffer,
  parameters: ScryptParameters,
) => Promise<Buffer>

export const scryptKey: KeyDerivation = (passphrase, salt, { N, r, p }) =>
  new Promise<Buffer>((resolve, reject) => {
    scrypt(passphrase, salt, 32, { N, r, p, maxmem: 256 * N * r }, (error, derived) =>
      error ? reject(error) : resolve(derived),
    )
  })

const base64 = z.base64().min(1)

// The shape of the envelope only. Values are not judged here: a changed one fails authentication
// (the whole header is associated data) and leaves the file as it is, like a wrong passphrase. A
// field added or missing is not this app's envelope at all.
const Kdf = z.strictObject({
  name: z.literal('scrypt'),
  N: z.number().int().positive(),
  r: z.number().int().positive(),
  p: z.number().int().positive(),
  salt: base64,
})

const Envelope = z.strictObject({
  format: z.literal(format),
  version: z.union([z.literal(1), z.literal(currentVersion)]),
  kdf: Kdf,
  cipher: z.literal('aes-256-gcm'),
  iv: base64,
  tag: base64,
  data: z.base64(),
})
type Envelope = z.infer<typeof Envelope>
type Kdf = z.infer<typeof Kdf>

const header = (envelope: Omit<Envelope, 'tag' | 'data'>) =>
  associatedData({
    format: envelope.format,
    version: envelope.version,
    kdf: envelope.kdf,
    cipher: envelope.cipher,
    iv: envelope.iv,
  })

/** AES-256-GCM under a key derived from a passphrase with scrypt; the envelope is authenticated. */
export class PassphraseSealer implements Sealer {
  readonly #passphrase: string
  readonly #derive: KeyDerivation
  readonly #keys = new Map<string, Promise<Buffer>>()
  #salt: string | undefined

  constructor(passphrase: string, derive: KeyDerivation = scryptKey) {
    if (passphrase.length === 0)
      throw new AppError('SECRETS_LOCKED', 'An empty passphrase cannot seal secrets.')
    this.#passphrase = passphrase
    this.#derive = derive
  }

  async seal(plaintext: string): Promise<Buffer> {
    this.#salt ??= randomBytes(16).toString('base64')
    const kdf = { name: 'scrypt' as const, ...kdfParameters, salt: this.#salt }
    const key = await this.#key(kdf)
    const iv = randomBytes(12)
    const fields = {
      format,
      version: currentVersion,
      kdf,
      cipher: 'aes-256-gcm',
      iv: iv.toString('base64'),
    } as const
    return sealEnvelope(key, fields, header(fields), plaintext)
  }

  async open(sealed: Buffer): Promise<{ plaintext: string; outdated: boolean }> {
    const envelope = parseEnvelope(sealed)
    refuseCostlierKdf(envelope.kdf)
    const key = await this.#key(envelope.kdf).catch(() => {
      throw altered()
    })
    try {
      const plaintext = openEnvelope(
        key,
        envelope,
        envelope.version === currentVersion ? header(envelope) : undefined,
      )
      this.#salt = envelope.kdf.salt
      return { plaintext, outdated: envelope.version !== currentVersion }
    } catch {
      // GCM cannot tell a wrong passphrase from tampering; either way the file must stay as it is.
      throw altered()
    }
  }

  #key(kdf: Kdf): Promise<Buffer> {
    const id = `${kdf.N}:${kdf.r}:${kdf.p}:${kdf.salt}`
    let key = this.#keys.get(id)
    if (!key) {
      key = this.#derive(this.#passphrase, Buffer.from(kdf.salt, 'base64'), kdf)
      this.#keys.set(id, key)
    }
    return key
  }
}

const altered = () =>
  new AppError(
    'SECRETS_LOCKED',
    'The secrets file does not open with this passphrase (wrong passphrase, or the file was altered). It was left as it is.',
  )

/**
 * The file says how its key is derived, and a tampered file must not make opening it cost more
 * memory or time than sealing it did: a cost above the app's own in any parameter (memory is
 * 128·N·r bytes, time N·r·p) is refused before any work is done.
 */
function refuseCostlierKdf(kdf: Kdf): void {
  if (kdf.N <= kdfParameters.N && kdf.r <= kdfParameters.r && kdf.p <= kdfParameters.p) return
  throw new AppError(
    'SECRETS_KDF_TOO_COSTLY',
    `The secrets file asks for a key derivation costlier than this app's own (scrypt N=${kdf.N}, r=${kdf.r}, p=${kdf.p}; at most N=${kdfParameters.N}, r=${kdfParameters.r}, p=${kdfParameters.p}): it was not written by this app, or was altered. It was not opened and was left as it is.`,
    { N: kdf.N, r: kdf.r, p: kdf.p },
  )
}

function parseEnvelope(sealed: Buffer): Envelope {
  let json: unknown
  try {
    json = JSON.parse(sealed.toString('utf8'))
  } catch {
    throw notSealed()
  }
  const parsed = Envelope.safeParse(json)
  if (!parsed.success) throw notSealed()
  return parsed.data
}

const notSealed = () =>
  new AppError(
    'SECRETS_CORRUPT',
    'The secrets file is not a sealed secrets file of this app. It was left as it is.',
  )
