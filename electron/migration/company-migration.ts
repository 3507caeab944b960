// One company of the signed batch, step by step: the signed request logs it in, that session
// enrolls an Authentication certificate (KSeF issues certificates only in a session obtained by a
// signature), the certificate is retrieved, made the default, and — if chosen — the token that
// logged the company in until now is revoked in KSeF. A step that fails stops the company there;
// what was done before it stays done and is said so. Run again (after KSeF's 429, which acts on
// nothing), the company carries on from the step that failed.
import { AuditKsefCodeKind, type AuditAction } from '../../shared/domain/audit'
import type { Company } from '../../shared/domain/company'
import type { CertificateSummary, FilePayload, TokenSummary } from '../../shared/domain/credentials'
import type { EnrollmentResult } from '../../shared/domain/ksef-certificates'
import {
  migrationCompanyOf,
  migrationSteps,
  type MigrationCompanyResult,
  type MigrationStep,
  type MigrationStepState,
} from '../../shared/domain/migration'
import { AppError, type AppErrorPayload } from '../../shared/ipc/errors'
import type { AuditSink } from '../audit/audit-sink'
import type { LoginService } from '../auth/login-service'
import type { CertificateLifecycle } from '../certificates/certificate-lifecycle'
import { authenticationFailure } from '../ksef/auth'
import type { KsefTokenService } from '../tokens/ksef-token-service'
import type { CredentialRepository } from '../vault/credential-repository'
import type { EnrollmentRepository } from '../vault/enrollment-repository'
import { migrationCertificateName } from './certificate-name'

export interface CompanyMigrationDeps {
  login: Pick<LoginService, 'state' | 'submitSignedRequest' | 'completeOperation' | 'idle'>
  certificates: Pick<CertificateLifecycle, 'enroll' | 'retrieve'>
  enrollments: Pick<EnrollmentRepository, 'enrollments'>
  credentials: Pick<CredentialRepository, 'setDefaultCertificate'>
  tokens: Pick<KsefTokenService, 'revoke'>
  audit: AuditSink
}

export interface CompanyMigration {
  company: Company
  file: FilePayload
  /** The token that logged the company in when the batch began; revoked when chosen. */
  token: TokenSummary | undefined
  revokeToken: boolean
  /** Told of every change of the company's row. */
  progress: (row: MigrationCompanyResult) => void
  /** The bulk job the company runs in, for the audit log. */
  jobId: () => string | undefined
}

/** Where a company stands: its row, and the enrollment KSeF accepted for it. */
export interface CompanyMigrationState {
  row: MigrationCompanyResult
  enrollmentId: string | null
  /** What stopped the company (a KsefError keeps KSeF's facts); null once it is done. */
  cause: unknown
}

/** A step failed: the company stops there. */
class StepFailure extends Error {
  constructor(
    readonly step: MigrationStep,
    override readonly cause: unknown,
  ) {
    super('a step failed')
  }
}

const appErrorOf = (error: unknown): AppError =>
  error instanceof AppError
    ? error
    : new AppError('INTERNAL', 'Something went wrong while moving the company to a certificate.')

/** A company before anything is done for it. */
export function startOf(company: Company, fileName: string): CompanyMigrationState {
  return {
    row: {
      ...migrationCompanyOf(company),
      fileName,
      steps: Object.fromEntries(migrationSteps.map((step) => [step, 'waiting'])) as Record<
        MigrationStep,
        MigrationStepState
      >,
      failure: null,
      certificate: null,
    },
    enrollmentId: null,
    cause: null,
  }
}

/** Runs the company from where `start` stands to its end; a failure is the state's, not thrown. */
export async function migrateCompany(
  deps: CompanyMigrationDeps,
  job: CompanyMigration,
  start: CompanyMigrationState,
): Promise<CompanyMigrationState> {
  const { company } = job
  let { enrollmentId } = start
  let row: MigrationCompanyResult = { ...start.row, failure: null }
  const set = (change: Partial<MigrationCompanyResult>) => {
    row = { ...row, ...change }
    job.progress(row)
  }
  const mark = (step: MigrationStep, state: MigrationStepState) =>
    set({ steps: { ...row.steps, [step]: state } })
  const todo = (step: MigrationStep) => row.steps[step] !== 'ok' && row.steps[step] !== 'skipped'
  const audit = (action: AuditAction, note: string | undefined, failure?: AppErrorPayload) => {
    const jobId = job.jobId()
    deps.audit.record({
      action,
      result: failure ? 'failed' : 'ok',
      companyId: company.id,
      ...(failure ? auditFailure(failure) : {}),
      ...(jobId ? { jobId } : {}),
      ...(note ? { note } : {}),
    })
  }
  const fail = (step: MigrationStep, action: AuditAction, error: unknown): never => {
    audit(action, undefined, appErrorOf(error).toPayload())
    mark(step, 'failed')
    throw new StepFailure(step, error)
  }
  const retrieved = (certificate: CertificateSummary) => {
    mark('retrieve', 'ok')
    audit('certificate.retrieve', certificate.serialNumber)
    set({
      certificate: {
        id: certificate.id,
        name: certificate.name,
        serialNumber: certificate.serialNumber,
        isDefault: certificate.isDefault,
      },
    })
  }

  try {
    if (todo('login')) {
      mark('login', 'working')
      await logInWithSignedFile(deps.login, company, job.file).catch((error: unknown) =>
        fail('login', 'auth.login', error),
      )
      mark('login', 'ok')
      audit('auth.login', 'signedRequest')
    }
    if (todo('enroll')) {
      mark('enroll', 'working')
      const before = new Set(deps.enrollments.enrollments(company.id).map((e) => e.id))
      let result: EnrollmentResult
      try {
        result = await enrollCertificate(deps.certificates, company)
      } catch (error) {
        // Once KSeF gave the serial number the enrollment is done: its retrieval failed.
        const issued = deps.enrollments
          .enrollments(company.id)
          .find((e) => !before.has(e.id) && e.serialNumber !== null)
        if (!issued) return fail('enroll', 'certificate.enroll', error)
        enrollmentId = issued.id
        mark('enroll', 'ok')
        audit('certificate.enroll', issued.serialNumber ?? undefined)
        return fail('retrieve', 'certificate.retrieve', error)
      }
      enrollmentId = result.enrollment.id
      if (!result.certificate) return fail('enroll', 'certificate.enroll', pending(result))
      mark('enroll', 'ok')
      audit('certificate.enroll', result.certificate.serialNumber)
      retrieved(result.certificate)
    } else if (todo('retrieve') && enrollmentId !== null) {
      mark('retrieve', 'working')
      const result = await deps.certificates
        .retrieve(company.id, enrollmentId)
        .catch((error: unknown) => fail('retrieve', 'certificate.retrieve', error))
      if (!result.certificate) return fail('retrieve', 'certificate.retrieve', pending(result))
      retrieved(result.certificate)
    }
    const certificate = row.certificate
    if (todo('default') && certificate) {
      deps.credentials.setDefaultCertificate(company.id, certificate.id)
      mark('default', 'ok')
      audit('certificate.default', certificate.serialNumber)
      set({ certificate: { ...certificate, isDefault: true } })
    }
    if (todo('revokeToken')) {
      if (!job.revokeToken || !job.token) {
        mark('revokeToken', 'skipped')
      } else {
        mark('revokeToken', 'working')
        await revokeToken(deps.tokens, company, job.token).catch((error: unknown) =>
          fail('revokeToken', 'token.revoke', error),
        )
        mark('revokeToken', 'ok')
        audit('token.revoke', job.token.referenceNumber)
      }
    }
  } catch (error) {
    if (!(error instanceof StepFailure)) throw error
    set({ failure: { step: error.step, error: appErrorOf(error.cause).toPayload() } })
    return { row, enrollmentId, cause: error.cause }
  }
  return { row, enrollmentId, cause: null }
}

/**
 * The signed file sent as Zaloguj podpisanym żądaniem sends it, then KSeF's decision awaited and
 * the session redeemed; in automatic mode the login service does that itself, and is waited for.
 */
async function logInWithSignedFile(
  login: CompanyMigrationDeps['login'],
  company: Company,
  file: FilePayload,
): Promise<void> {
  const known = new Set(login.state(company.id).operations.map((o) => o.referenceNumber))
  const submitted = await login.submitSignedRequest(company.id, file)
  const operation = submitted.operations.find((o) => !known.has(o.referenceNumber))
  if (!operation) {
    throw new AppError(
      'INTERNAL',
      'KSeF accepted the signed request, but its operation is not on the list.',
    )
  }
  if (!submitted.autoMode) {
    await login.completeOperation(company.id, operation.referenceNumber)
    return
  }
  await login.idle()
  const state = login.state(company.id)
  if (state.session?.referenceNumber === operation.referenceNumber) return
  const finished = state.operations.find((o) => o.referenceNumber === operation.referenceNumber)
  throw finished && finished.status.code !== 100 && finished.status.code !== 200
    ? authenticationFailure(operation.referenceNumber, finished.status)
    : new AppError(
        'AUTH_OPERATION_NOT_READY',
        'KSeF has not finished this login yet: check it on Ogólne in a moment.',
      )
}

/** Wniosek o certyfikat in the signed session, waited for until KSeF issues it, and retrieved. */
function enrollCertificate(
  certificates: CompanyMigrationDeps['certificates'],
  company: Company,
): Promise<EnrollmentResult> {
  return certificates.enroll(
    company.id,
    {
      name: migrationCertificateName(company),
      kind: 'Authentication',
      keyType: 'EC',
      validFrom: null,
      makeDefault: true,
    },
    true,
  )
}

/** KSeF still decides after the enrollment's wait: Sprawdź status on Certyfikaty carries on. */
const pending = (result: EnrollmentResult): AppError =>
  new AppError(
    'CERT_ENROLLMENT_PENDING',
    'KSeF has not issued this certificate yet: there is no serial number to retrieve. Check its status on Certyfikaty in a moment.',
    { statusCode: result.enrollment.status?.code ?? null },
  )

async function revokeToken(
  tokens: CompanyMigrationDeps['tokens'],
  company: Company,
  token: TokenSummary,
): Promise<void> {
  try {
    await tokens.revoke(company.id, token.referenceNumber)
  } catch (error) {
    // Revoked in KSeF already (elsewhere, or by an earlier run): what the step is for is true.
    if (error instanceof AppError && error.code === 'TOKEN_ALREADY_REVOKED') return
    throw error
  }
}

/** The error's code and, where KSeF gave one, KSeF's code and its kind. */
function auditFailure(error: AppErrorPayload): {
  errorCode: string
  ksefCode?: number | string
  ksefCodeKind?: AuditKsefCodeKind
} {
  const code = error.details?.['ksefCode']
  const kind = AuditKsefCodeKind.safeParse(error.details?.['ksefCodeKind'])
  return {
    errorCode: error.code,
    ...(typeof code === 'number' || typeof code === 'string' ? { ksefCode: code } : {}),
    ...(kind.success ? { ksefCodeKind: kind.data } : {}),
  }
}
