import { readFile } from 'node:fs/promises'
import { z } from 'zod'
import { AppError, isAppError, type AppErrorCode } from '../../shared/ipc/errors'
import type { Clock } from '../clock'
import { moveCorruptFileAside } from './corrupt-file'
import { writeFileDurably } from './durable-write'
import type { Sealer } from './sealer'
import type { SecretStore } from './secret-store'

const SecretsDocument = z.object({
  version: z.literal(1),
  secrets: z.record(z.string(), z.string()),
})
type SecretsDocument = z.infer<typeof SecretsDocument>

export const secretsFileName = 'secrets.sealed'

/** Why a secrets file may not open: each leaves the file where it is until the user chooses. */
export const unopenedSecretsCodes: readonly AppErrorCode[] = [
  'SECRETS_LOCKED',
  'SECRETS_CORRUPT',
  'SECRETS_EMPTY',
  'SECRETS_KDF_TOO_COSTLY',
]

export const isUnopenedSecrets = (error: unknown): error is AppError =>
  isAppError(error) && unopenedSecretsCodes.includes(error.code)

/**
 * All secrets in one file of their own, sealed as a whole (names included: they reveal which
 * companies have which credentials). Writes are serialised and durable (writeFileDurably).
 */
export class SealedFileSecretStore implements SecretStore {
  #secrets: Map<string, string> | undefined
  #queue: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly path: string,
    private readonly sealer: Sealer,
    private readonly clock: Clock,
  ) {}

  /**
   * Reads the file now, so a problem is known at start rather than at the first login. A file
   * that does not open (SECRETS_LOCKED, _CORRUPT, _EMPTY, _KDF_TOO_COSTLY) is returned as the
   * problem to report and stays where it is: only the user's choice (startAfreshWhenLocked) moves
   * it. A file sealed in an earlier format is sealed again in the current one.
   */
  open(): Promise<AppError | undefined> {
    return this.#serial(async () => {
      try {
        await this.#load()
        return undefined
      } catch (error) {
        if (isUnopenedSecrets(error)) return error
        throw error
      }
    })
  }

  get(name: string): Promise<string | undefined> {
    return this.#serial(async () => (await this.#load()).get(name))
  }

  set(name: string, value: string): Promise<void> {
    return this.#serial(async () => {
      const secrets = new Map(await this.#load())
      secrets.set(name, value)
      await this.#save(secrets)
    })
  }

  setMany(values: Readonly<Record<string, string>>): Promise<void> {
    return this.#serial(async () => {
      const entries = Object.entries(values)
      if (entries.length === 0) return
      const secrets = new Map(await this.#load())
      for (const [name, value] of entries) secrets.set(name, value)
      await this.#save(secrets)
    })
  }

  deleteMany(names: readonly string[]): Promise<number> {
    return this.#serial(async () => {
      const secrets = new Map(await this.#load())
      const removed = names.filter((name) => secrets.delete(name)).length
      if (removed > 0) await this.#save(secrets)
      return removed
    })
  }

  delete(name: string): Promise<boolean> {
    return this.#serial(async () => {
      const secrets = new Map(await this.#load())
      if (!secrets.delete(name)) return false
      await this.#save(secrets)
      return true
    })
  }

  deleteAll(prefix: string): Promise<number> {
    return this.#serial(async () => {
      const secrets = new Map(await this.#load())
      const doomed = [...secrets.keys()].filter((name) => name.startsWith(prefix))
      if (doomed.length === 0) return 0
      for (const name of doomed) secrets.delete(name)
      await this.#save(secrets)
      return doomed.length
    })
  }

  startAfreshWhenLocked(): Promise<string | undefined> {
    return this.#serial(async () => {
      try {
        await this.#load()
      } catch (error) {
        if (!isUnopenedSecrets(error)) throw error
        // Kept beside the original, not deleted: the right keychain or passphrase may still open it.
        const movedTo = moveCorruptFileAside(this.path, this.clock.now())
        this.#secrets = new Map()
        return movedTo
      }
      throw new AppError(
        'SECRETS_NOT_LOCKED',
        'The secrets file opens with this key; nothing was moved.',
      )
    })
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(work, work)
    this.#queue = next.catch(() => undefined)
    return next
  }

  async #load(): Promise<Map<string, string>> {
    if (this.#secrets) return this.#secrets
    let sealed: Buffer
    try {
      sealed = await readFile(this.path)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      this.#secrets = new Map()
      return this.#secrets
    }
    if (sealed.length === 0) {
      throw new AppError(
        'SECRETS_EMPTY',
        `The secrets file ${this.path} is empty (0 bytes): a crash or power loss came before its bytes reached the disk. The keys and tokens it held cannot be recovered from it. It was left as it is; set it aside to start afresh, then load the certificates and tokens again.`,
        { path: this.path },
      )
    }
    const opened = await this.sealer.open(sealed)
    const parsed = SecretsDocument.safeParse(parseJson(opened.plaintext))
    if (!parsed.success) {
      throw new AppError(
        'SECRETS_CORRUPT',
        'The secrets file opened but holds no secrets document. It was left as it is.',
      )
    }
    const secrets = new Map(Object.entries(parsed.data.secrets))
    // An earlier format (no authenticated envelope): written again in the current one, now.
    if (opened.outdated) await this.#save(secrets)
    this.#secrets = secrets
    return this.#secrets
  }

  async #save(secrets: Map<string, string>): Promise<void> {
    const document: SecretsDocument = { version: 1, secrets: Object.fromEntries(secrets) }
    await writeFileDurably(this.path, await this.sealer.seal(JSON.stringify(document)))
    this.#secrets = secrets
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
