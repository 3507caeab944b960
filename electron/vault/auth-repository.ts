import { z } from 'zod'
import { AuthOperation, PendingChallenge, SessionSummary } from '../../shared/domain/auth'
import { Id } from '../../shared/domain/company'
import type { SettingsStore } from './settings-store'

// What the app remembers of logins, per company, in the settings file: nothing secret. The
// authentication and refresh tokens are sealed in the SecretStore; access tokens live in memory.

export const StoredSession = SessionSummary.extend({ companyId: Id })
export type StoredSession = z.infer<typeof StoredSession>

export const StoredOperation = AuthOperation.extend({ companyId: Id })
export type StoredOperation = z.infer<typeof StoredOperation>

export const StoredChallenge = PendingChallenge.extend({ companyId: Id })
export type StoredChallenge = z.infer<typeof StoredChallenge>

export const AuthDocument = z.object({
  sessions: z.array(StoredSession).default([]),
  operations: z.array(StoredOperation).default([]),
  challenges: z.array(StoredChallenge).default([]),
  autoMode: z.array(Id).default([]),
})
export type AuthDocument = z.infer<typeof AuthDocument>

/** The list on Ogólne keeps this many operations per company, newest first. */
const operationsKept = 20

export class AuthRepository {
  constructor(private readonly settings: SettingsStore) {}

  #update(change: (auth: AuthDocument) => AuthDocument): void {
    const document = this.settings.read()
    this.settings.write({ ...document, auth: change(document.auth) })
  }

  session(companyId: string): StoredSession | undefined {
    return this.settings.read().auth.sessions.find((s) => s.companyId === companyId)
  }

  saveSession(session: StoredSession): void {
    this.#update((auth) => ({
      ...auth,
      sessions: [...auth.sessions.filter((s) => s.companyId !== session.companyId), session],
    }))
  }

  removeSession(companyId: string): void {
    this.#update((auth) => ({
      ...auth,
      sessions: auth.sessions.filter((s) => s.companyId !== companyId),
    }))
  }

  operations(companyId: string): StoredOperation[] {
    return this.settings
      .read()
      .auth.operations.filter((o) => o.companyId === companyId)
      .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
  }

  operation(companyId: string, referenceNumber: string): StoredOperation | undefined {
    return this.operations(companyId).find((o) => o.referenceNumber === referenceNumber)
  }

  /** Inserts or replaces; returns the operations that fell off the list (their tokens must go too). */
  saveOperation(operation: StoredOperation): StoredOperation[] {
    let dropped: StoredOperation[] = []
    this.#update((auth) => {
      const others = auth.operations.filter(
        (o) =>
          !(o.companyId === operation.companyId && o.referenceNumber === operation.referenceNumber),
      )
      const mine = [operation, ...others.filter((o) => o.companyId === operation.companyId)].sort(
        (a, b) => b.startedAt.localeCompare(a.startedAt),
      )
      dropped = mine.slice(operationsKept)
      const kept = new Set(mine.slice(0, operationsKept))
      return {
        ...auth,
        operations: [
          ...others.filter((o) => o.companyId !== operation.companyId),
          ...mine.filter((o) => kept.has(o)),
        ],
      }
    })
    return dropped
  }

  /** Removes the company's operations that match, in one write; returns the ones removed. */
  removeOperations(
    companyId: string,
    remove: (operation: StoredOperation) => boolean,
  ): StoredOperation[] {
    let removed: StoredOperation[] = []
    this.#update((auth) => {
      removed = auth.operations.filter((o) => o.companyId === companyId && remove(o))
      return { ...auth, operations: auth.operations.filter((o) => !removed.includes(o)) }
    })
    return removed
  }

  challenge(companyId: string): StoredChallenge | undefined {
    return this.settings.read().auth.challenges.find((c) => c.companyId === companyId)
  }

  findChallenge(challenge: string): StoredChallenge | undefined {
    return this.settings.read().auth.challenges.find((c) => c.challenge === challenge)
  }

  saveChallenge(challenge: StoredChallenge): void {
    this.#update((auth) => ({
      ...auth,
      challenges: [
        ...auth.challenges.filter((c) => c.companyId !== challenge.companyId),
        challenge,
      ],
    }))
  }

  removeChallenge(companyId: string): void {
    this.#update((auth) => ({
      ...auth,
      challenges: auth.challenges.filter((c) => c.companyId !== companyId),
    }))
  }

  autoMode(companyId: string): boolean {
    return this.settings.read().auth.autoMode.includes(companyId)
  }

  setAutoMode(companyId: string, enabled: boolean): void {
    this.#update((auth) => ({
      ...auth,
      autoMode: enabled
        ? [...new Set([...auth.autoMode, companyId])]
        : auth.autoMode.filter((id) => id !== companyId),
    }))
  }

  removeCompany(companyId: string): void {
    this.#update((auth) => ({
      sessions: auth.sessions.filter((s) => s.companyId !== companyId),
      operations: auth.operations.filter((o) => o.companyId !== companyId),
      challenges: auth.challenges.filter((c) => c.companyId !== companyId),
      autoMode: auth.autoMode.filter((id) => id !== companyId),
    }))
  }
}
