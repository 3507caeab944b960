import type { AuthState, LoginMethod } from '../../shared/domain/auth'
import type { Company } from '../../shared/domain/company'
import { AppError } from '../../shared/ipc/errors'
import type { EventSink } from '../events'
import { retryWaits } from '../ksef/http'
import type { Logger } from '../log'
import type { StoredOperation } from '../vault/auth-repository'
import type { CompanyRepository } from '../vault/company-repository'
import type { AuthOperations, LoginProgress } from './auth-operations'
import type { AuthStateProjection } from './auth-state'
import type { CompanyActivity } from './company-activity'
import { companyOf } from './company-lookup'
import { codeOf, ksefStatusOf } from './failures'

export interface LoginRunsDeps {
  companies: Pick<CompanyRepository, 'find'>
  activity: Pick<CompanyActivity, 'exclusive' | 'track'>
  operations: Pick<AuthOperations, 'complete' | 'isClaimed'>
  states: Pick<AuthStateProjection, 'changed'>
  events: EventSink
  log: Logger
}

/**
 * How a login runs, awaited or in the background: its steps and KSeF's 429 waits pushed to the
 * page as auth:progress, its end logged and the new state pushed as auth:changed.
 */
export class LoginRuns {
  readonly #deps: LoginRunsDeps

  constructor(deps: LoginRunsDeps) {
    this.#deps = deps
  }

  /** A login as the company's one exclusive run; a second meanwhile gets AUTH_IN_PROGRESS. */
  exclusive(
    companyId: string,
    method: LoginMethod,
    work: (company: Company, progress: LoginProgress) => Promise<void>,
  ): Promise<AuthState> {
    const company = companyOf(this.#deps.companies, companyId)
    const progress = this.#progress(companyId, method)
    return this.#deps.activity.exclusive(
      companyId,
      new AppError('AUTH_IN_PROGRESS', 'A login of this company is already under way.'),
      async () => {
        try {
          await this.#withWaitsShown(progress, () => work(company, progress))
          this.#deps.log.info('logged in', { companyId, method })
          return this.#deps.states.changed(companyId)
        } catch (error) {
          this.#failed(progress, error)
          this.#deps.log.error('login failed', { companyId, method, code: codeOf(error) })
          this.#deps.states.changed(companyId)
          throw error
        }
      },
    )
  }

  /** Automatic mode carries an operation to a session with nobody awaiting it. */
  inBackground(company: Company, operation: StoredOperation): void {
    // Already being checked or redeemed (a click, or automatic mode switched on twice).
    if (this.#deps.operations.isClaimed(operation.referenceNumber)) return
    const { method } = operation
    const progress = this.#progress(company.id, method)
    const work = this.#withWaitsShown(progress, () =>
      this.#deps.operations.complete(company, operation, progress),
    )
      .then(
        () => this.#deps.log.info('logged in', { companyId: company.id, method }),
        (error: unknown) => {
          this.#failed(progress, error)
          this.#deps.log.error('automatic completion failed', {
            companyId: company.id,
            code: codeOf(error),
          })
        },
      )
      .finally(() => this.#deps.states.changed(company.id))
    this.#deps.activity.track(company.id, work)
  }

  #progress(companyId: string, method: LoginMethod): LoginProgress {
    return (update) => this.#deps.events.emit('auth:progress', { companyId, method, ...update })
  }

  #withWaitsShown(progress: LoginProgress, work: () => Promise<void>): Promise<void> {
    return retryWaits.run(
      (wait) => progress({ step: 'rateLimited', waitSeconds: Math.ceil(wait.ms / 1000) }),
      work,
    )
  }

  #failed(progress: LoginProgress, error: unknown): void {
    const statusCode = ksefStatusOf(error)
    progress({ step: 'failed', ...(statusCode ? { statusCode } : {}) })
  }
}
