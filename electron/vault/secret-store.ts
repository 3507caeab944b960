import { AppError } from '../../shared/ipc/errors'

/**
 * The port for secrets (private keys, KSeF tokens, refresh tokens, key passwords). Values are
 * sealed at rest; nothing read from here is ever logged or sent to the renderer.
 */
export interface SecretStore {
  get(name: string): Promise<string | undefined>
  set(name: string, value: string): Promise<void>
  /** Many at once, in one write (a restore of a backup seals thousands). */
  setMany(values: Readonly<Record<string, string>>): Promise<void>
  delete(name: string): Promise<boolean>
  /** Removes the secrets named, in one write; returns how many were there. */
  deleteMany(names: readonly string[]): Promise<number>
  /** Removes every secret whose name starts with `prefix`; returns how many went. */
  deleteAll(prefix: string): Promise<number>
  /**
   * At the user's word, when the sealed secrets do not open (SECRETS_LOCKED, _CORRUPT, _EMPTY,
   * _KDF_TOO_COSTLY): keeps them aside and starts empty; returns where they went. Refuses with
   * SECRETS_NOT_LOCKED when they open. Nothing else ever moves the file.
   */
  startAfreshWhenLocked(): Promise<string | undefined>
}

/** Secrets of one company live under one prefix, so removing the company removes them all. */
export const companySecretPrefix = (companyId: string): string => `company/${companyId}/`

export class MemorySecretStore implements SecretStore {
  readonly #values = new Map<string, string>()

  get(name: string): Promise<string | undefined> {
    return Promise.resolve(this.#values.get(name))
  }

  set(name: string, value: string): Promise<void> {
    this.#values.set(name, value)
    return Promise.resolve()
  }

  setMany(values: Readonly<Record<string, string>>): Promise<void> {
    for (const [name, value] of Object.entries(values)) this.#values.set(name, value)
    return Promise.resolve()
  }

  delete(name: string): Promise<boolean> {
    return Promise.resolve(this.#values.delete(name))
  }

  deleteMany(names: readonly string[]): Promise<number> {
    return Promise.resolve(names.filter((name) => this.#values.delete(name)).length)
  }

  deleteAll(prefix: string): Promise<number> {
    let count = 0
    for (const name of [...this.#values.keys()]) {
      if (name.startsWith(prefix)) count += Number(this.#values.delete(name))
    }
    return Promise.resolve(count)
  }

  startAfreshWhenLocked(): Promise<string | undefined> {
    return Promise.reject(
      new AppError('SECRETS_NOT_LOCKED', 'Secrets kept in memory are never locked.'),
    )
  }
}

export const certificateKeySecret = (companyId: string, certificateId: string): string =>
  `${companySecretPrefix(companyId)}certificate/${certificateId}/key`

export const tokenSecret = (companyId: string, tokenId: string): string =>
  `${companySecretPrefix(companyId)}token/${tokenId}`

/** The authentication token of one operation: it checks the status and redeems the tokens. */
export const operationTokenSecret = (companyId: string, referenceNumber: string): string =>
  `${companySecretPrefix(companyId)}auth-operation/${referenceNumber}`

/** The refresh token of the company's session: sealed, so a restart keeps the session. */
export const refreshTokenSecret = (companyId: string): string =>
  `${companySecretPrefix(companyId)}session/refresh-token`
