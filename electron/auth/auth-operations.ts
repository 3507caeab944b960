import type { AuthOperation, AuthProgress, LoginMethod } from '../../shared/domain/auth'
import type { Company } from '../../shared/domain/company'
import { AppError } from '../../shared/ipc/errors'
import type { Clock } from '../clock'
import {
  authenticationFailure,
  type AuthenticationInit,
  type AuthenticationStatus,
} from '../ksef/auth'
import type { KsefClient } from '../ksef/client'
import { isKsefError } from '../ksef/errors'
import type { AuthRepository, StoredOperation } from '../vault/auth-repository'
import { operationTokenSecret, type SecretStore } from '../vault/secret-store'
import type { CompanyActivity } from './company-activity'
import type { KsefClients } from './ksef-clients'
import { nextPollDelayMs } from './polling'
import type { SessionKeeper } from './session-keeper'

export interface AuthOperationsDeps {
  auth: Pick<AuthRepository, 'operations' | 'operation' | 'saveOperation'>
  secrets: SecretStore
  clients: KsefClients
  clock: Clock
  sleep: (ms: number) => Promise<void>
  /** Give up waiting for KSeF's decision after this long (qualified certificates wait for OCSP). */
  pollTimeoutMs?: number | undefined
  activity: Pick<CompanyActivity, 'claim' | 'isClaimed'>
  sessions: Pick<SessionKeeper, 'open'>
}

export type LoginProgress = (update: Omit<AuthProgress, 'companyId' | 'method'>) => void

const inProgress: AuthOperation['status'] = {
  code: 100,
  description: 'Uwierzytelnianie w toku',
  details: [],
}

/**
 * The list of authentication operations on Ogólne: each login KSeF accepted, its status, and
 * redeeming it for a session. An operation's authentication token is sealed until it is redeemed
 * or fails; KSeF redeems an operation once, so only one hand at a time holds it (a claim).
 */
export class AuthOperations {
  readonly #deps: AuthOperationsDeps

  constructor(deps: AuthOperationsDeps) {
    this.#deps = deps
  }

  /** KSeF accepted a login (its 202): the operation goes on the list, its token into the vault. */
  async record(
    company: Company,
    method: LoginMethod,
    { init, credentialId }: { init: AuthenticationInit; credentialId: string | null },
  ): Promise<StoredOperation> {
    const operation: StoredOperation = {
      companyId: company.id,
      referenceNumber: init.referenceNumber,
      method,
      startedAt: new Date(this.#deps.clock.now()).toISOString(),
      status: inProgress,
      redeemed: false,
      usableUntil: new Date(Date.parse(init.authenticationToken.validUntil)).toISOString(),
      credentialId,
      refusal: null,
    }
    await this.#deps.secrets.set(
      operationTokenSecret(company.id, init.referenceNumber),
      init.authenticationToken.token,
    )
    await this.#save(operation)
    return operation
  }

  find(companyId: string, referenceNumber: string): StoredOperation {
    const operation = this.#deps.auth.operation(companyId, referenceNumber)
    if (!operation)
      throw new AppError(
        'AUTH_OPERATION_NOT_FOUND',
        'This authentication operation is not on the list.',
      )
    return operation
  }

  /** An operation automatic mode can still carry to a session: not redeemed, not failed, usable. */
  awaitingRedeem(companyId: string): StoredOperation | undefined {
    return this.#deps.auth
      .operations(companyId)
      .find(
        (o) => !o.redeemed && (o.status.code === 100 || o.status.code === 200) && this.#usable(o),
      )
  }

  isClaimed(referenceNumber: string): boolean {
    return this.#deps.activity.isClaimed(referenceNumber)
  }

  /** Sprawdź status of one operation of the list. */
  async checkStatus(company: Company, referenceNumber: string): Promise<void> {
    await this.#claim(company, referenceNumber, async () => {
      const operation = this.find(company.id, referenceNumber)
      await this.#readStatus(company, operation, await this.#operationToken(operation))
    })
  }

  /** Pobierz token dostępowy of one operation: the session it opens becomes the company's. */
  async redeem(company: Company, referenceNumber: string): Promise<void> {
    await this.#claim(company, referenceNumber, async () => {
      let operation = this.find(company.id, referenceNumber)
      const token = await this.#operationToken(operation)
      // KSeF redeems only after status 200; read it again rather than trust an old 100.
      if (operation.status.code !== 200) {
        operation = await this.#readStatus(company, operation, token)
      }
      if (operation.status.code === 100) {
        throw new AppError(
          'AUTH_OPERATION_NOT_READY',
          'KSeF is still checking this login: check its status in a moment.',
        )
      }
      if (operation.status.code !== 200) {
        throw authenticationFailure(operation.referenceNumber, operation.status)
      }
      await this.#redeem(company, operation, token)
    })
  }

  /** Polls until KSeF decides, then redeems: the end of every interactive login. */
  async complete(company: Company, start: StoredOperation, progress: LoginProgress): Promise<void> {
    await this.#claim(company, start.referenceNumber, async () => {
      const token = await this.#operationToken(start)
      let operation = start
      progress({ step: 'waiting', referenceNumber: operation.referenceNumber, statusCode: 100 })
      try {
        await this.#client(company).auth.waitForAuthentication(
          {
            referenceNumber: start.referenceNumber,
            authenticationToken: { token, validUntil: start.usableUntil },
          },
          {
            clock: this.#deps.clock,
            delay: this.#deps.sleep,
            nextDelayMs: nextPollDelayMs,
            ...(this.#deps.pollTimeoutMs ? { timeoutMs: this.#deps.pollTimeoutMs } : {}),
            onStatus: (status) => {
              operation = this.#recordStatus(operation, status)
              progress({
                step: 'waiting',
                referenceNumber: operation.referenceNumber,
                statusCode: status.status.code,
              })
            },
          },
        )
      } catch (error) {
        if (isKsefError(error) && error.code === 'KSEF_AUTH_FAILED')
          await this.#dropOperationToken(operation)
        throw error
      }
      progress({ step: 'redeeming', referenceNumber: operation.referenceNumber, statusCode: 200 })
      await this.#redeem(company, operation, token)
      progress({ step: 'done', referenceNumber: operation.referenceNumber, statusCode: 200 })
    })
  }

  /** One check or redeem of an operation at a time: a second gets AUTH_IN_PROGRESS. */
  #claim<T>(company: Company, referenceNumber: string, work: () => Promise<T>): Promise<T> {
    return this.#deps.activity.claim(
      company.id,
      referenceNumber,
      new AppError(
        'AUTH_IN_PROGRESS',
        'This authentication operation is being checked or redeemed already.',
      ),
      work,
    )
  }

  async #readStatus(
    company: Company,
    operation: StoredOperation,
    token: string,
  ): Promise<StoredOperation> {
    const status = await this.#client(company).auth.getAuthenticationStatus(
      operation.referenceNumber,
      token,
    )
    const updated = this.#recordStatus(operation, status)
    if (updated.status.code !== 100 && updated.status.code !== 200)
      await this.#dropOperationToken(updated)
    return updated
  }

  #recordStatus(operation: StoredOperation, status: AuthenticationStatus): StoredOperation {
    const updated: StoredOperation = {
      ...operation,
      status: {
        code: status.status.code,
        description: status.status.description,
        details: status.status.details ?? [],
      },
      redeemed: operation.redeemed || status.isTokenRedeemed === true,
    }
    // Replacing an operation already on the list never pushes another off it.
    this.#deps.auth.saveOperation(updated)
    return updated
  }

  async #redeem(company: Company, operation: StoredOperation, token: string): Promise<void> {
    const tokens = await this.#client(company).auth.redeemTokens(token)
    await this.#deps.sessions.open(company, operation, tokens)
    await this.#save({ ...operation, redeemed: true })
    await this.#dropOperationToken(operation)
  }

  async #save(operation: StoredOperation): Promise<void> {
    for (const dropped of this.#deps.auth.saveOperation(operation)) {
      await this.#dropOperationToken(dropped)
    }
  }

  /** A redeemed or failed operation's token is of no further use. */
  async #dropOperationToken(operation: StoredOperation): Promise<void> {
    await this.#deps.secrets.delete(
      operationTokenSecret(operation.companyId, operation.referenceNumber),
    )
  }

  async #operationToken(operation: StoredOperation): Promise<string> {
    if (operation.redeemed) {
      throw new AppError(
        'AUTH_ALREADY_REDEEMED',
        'The tokens of this operation were taken already; KSeF gives them once.',
      )
    }
    const token = await this.#deps.secrets.get(
      operationTokenSecret(operation.companyId, operation.referenceNumber),
    )
    if (!token || !this.#usable(operation)) {
      throw new AppError(
        'AUTH_OPERATION_EXPIRED',
        'This operation can no longer be used: start a new login.',
        { usableUntil: operation.usableUntil },
      )
    }
    return token
  }

  #usable(operation: StoredOperation): boolean {
    return Date.parse(operation.usableUntil) > this.#deps.clock.now()
  }

  #client(company: Company): KsefClient {
    return this.#deps.clients.forEnvironment(company.environment)
  }
}
