import type { AuditAction } from '../../shared/domain/audit'
import type { BulkActionInput, BulkOutcome, TokenRevocationMatch } from '../../shared/domain/bulk'
import type { Company } from '../../shared/domain/company'
import { daysUntil } from '../../shared/domain/dashboard'
import { loginCertificateOf } from '../../shared/domain/identities'
import type { EnrollmentResult, EnrollmentSummary } from '../../shared/domain/ksef-certificates'
import type { TokenListFilter } from '../../shared/domain/ksef-tokens'
import { AppError } from '../../shared/ipc/errors'
import type { Identity } from '../../shared/domain/identities'
import type { LoginService } from '../auth/login-service'
import type { CertificateLifecycle } from '../certificates/certificate-lifecycle'
import type { Clock } from '../clock'
import type { IdentityRepository } from '../identities/identity-repository'
import type { IdentityService } from '../identities/identity-service'
import type { KsefTokenService } from '../tokens/ksef-token-service'
import { checkedDraft, checkedFilter } from '../tokens/token-inputs'
import type { CertificateFiles } from '../vault/certificate-files'
import type { CredentialRepository } from '../vault/credential-repository'
import type { EnrollmentRepository } from '../vault/enrollment-repository'
import { certificateKeySecret, type SecretStore } from '../vault/secret-store'
import { BulkPartialFailure, type BulkStep } from './bulk-runner'
import type { CredentialCheck } from './credential-check'
import { loginWayOf, type LoginWay, type LoginWayDeps } from './login-way'

export interface BulkActionDeps {
  loginWay: LoginWayDeps
  check: Pick<CredentialCheck, 'check'>
  login: Pick<LoginService, 'state' | 'loginWithCertificate' | 'loginWithToken' | 'logout'>
  ksefTokens: Pick<KsefTokenService, 'generate' | 'reveal' | 'list' | 'revoke' | 'policy'>
  certificateLifecycle: Pick<
    CertificateLifecycle,
    'renew' | 'enroll' | 'enrollmentStatus' | 'retrieve'
  >
  credentials: Pick<CredentialRepository, 'certificates' | 'certificate' | 'removeCertificate'>
  identities: Pick<IdentityRepository, 'assignedTo'>
  /** Odnów of an identity: its renewed certificate takes its place for all its companies. */
  identityService: Pick<IdentityService, 'renew'>
  enrollments: Pick<EnrollmentRepository, 'enrollments'>
  certificateFiles: Pick<CertificateFiles, 'read' | 'remove'>
  secrets: Pick<SecretStore, 'get' | 'delete'>
  clock: Clock
}

/** A started action as the runner takes it: each company's step and its line in the audit log. */
export interface BulkActionPlan {
  step: BulkStep
  audit: AuditAction
}

/**
 * The step of each action. The inputs KSeF would refuse (a description too short, a filter of
 * two letters) are refused here, before the job starts, so a job never fails 500 times alike.
 */
export function planOf(input: BulkActionInput, deps: BulkActionDeps): BulkActionPlan {
  switch (input.action) {
    case 'check':
      return { audit: 'auth.check', step: (company) => deps.check.check(company) }
    case 'login':
      return { audit: 'auth.login', step: (company) => loginStep(company, deps) }
    case 'logout':
      return { audit: 'auth.logout', step: (company) => logoutStep(company, deps) }
    case 'generateTokens': {
      const draft = { ...checkedDraft(input), makeDefault: input.makeDefault }
      requireTokenPolicy(deps)
      return {
        audit: 'token.generate',
        step: async (company) => {
          await ensureSession(company, deps)
          const { stored, revealTicket } = await deps.ksefTokens.generate(company.id, draft)
          // Sealed as the company's token; in bulk it is shown to no one, so its one-time
          // reveal is used up here and the token leaves memory.
          deps.ksefTokens.reveal(revealTicket)
          return {
            kind: 'tokenGenerated',
            tokenId: stored.id,
            referenceNumber: stored.referenceNumber,
            masked: stored.masked,
          }
        },
      }
    }
    case 'revokeTokens': {
      const filter = checkedFilter(filterOf(input.match))
      return { audit: 'token.revoke', step: (company) => revokeStep(company, filter, deps) }
    }
    case 'renewCertificates': {
      // An identity shared by many companies of the job is renewed once, by the first of them.
      const identities: IdentityRenewals = new Map()
      return {
        audit: 'certificate.renew',
        step: (company) => renewStep(company, input.withinDays, deps, identities),
      }
    }
  }
}

/** The end-of-2026 rule, asked once for the whole job rather than failing every company alike. */
function requireTokenPolicy(deps: BulkActionDeps): void {
  const policy = deps.ksefTokens.policy()
  if (!policy.allowed) {
    throw new AppError(
      'TOKENS_ENDED',
      'KSeF tokens could be used until 31 December 2026: generating them is off. Log in with a KSeF certificate; if the regulation was extended, turn tokens back on in the settings.',
      { sunsetAt: policy.sunsetAt },
    )
  }
}

async function login(company: Company, way: LoginWay, deps: BulkActionDeps) {
  return way.method === 'token'
    ? deps.login.loginWithToken(company.id)
    : deps.login.loginWithCertificate(company.id)
}

async function loginStep(company: Company, deps: BulkActionDeps): Promise<BulkOutcome> {
  const way = loginWayOf(company, deps.loginWay)
  const state = await login(company, way, deps)
  return {
    kind: 'loggedIn',
    credential: way.credential,
    sessionUntil: state.session?.refreshTokenValidUntil ?? null,
  }
}

async function logoutStep(company: Company, deps: BulkActionDeps): Promise<BulkOutcome> {
  if (!deps.login.state(company.id).session) return { kind: 'skipped', reason: 'notLoggedIn' }
  await deps.login.logout(company.id)
  return { kind: 'loggedOut' }
}

/** Token work needs a session: a company not logged in is logged in first, as Zaloguj would. */
async function ensureSession(company: Company, deps: BulkActionDeps): Promise<void> {
  if (deps.login.state(company.id).session) return
  await login(company, loginWayOf(company, deps.loginWay), deps)
}

const filterOf = (match: TokenRevocationMatch): TokenListFilter => ({
  status: ['Pending', 'Active'],
  description: match.by === 'description' ? match.description : '',
  author: match.by === 'author' ? match.author : '',
})

/** Every matching token of the company, page after page, each revoked once. */
async function revokeStep(
  company: Company,
  filter: TokenListFilter,
  deps: BulkActionDeps,
): Promise<BulkOutcome> {
  await ensureSession(company, deps)
  const matching: string[] = []
  let continuation: string | null = null
  do {
    const page = await deps.ksefTokens.list(company.id, filter, continuation)
    matching.push(...page.rows.map((row) => row.referenceNumber))
    continuation = page.continuation
  } while (continuation !== null)
  if (matching.length === 0) return { kind: 'skipped', reason: 'noMatchingTokens' }
  const revoked: string[] = []
  for (const referenceNumber of matching) {
    try {
      await deps.ksefTokens.revoke(company.id, referenceNumber)
    } catch (error) {
      if (revoked.length === 0) throw error
      throw new BulkPartialFailure(error, { kind: 'tokensRevoked', referenceNumbers: revoked })
    }
    revoked.push(referenceNumber)
  }
  return { kind: 'tokensRevoked', referenceNumbers: revoked }
}

/**
 * Odnów for one company whose KSeF certificate logs it in and ends within the days given. Its own
 * certificate: a session obtained with it enrolls the successor, which becomes the default. Its
 * identity: renewed once for all the companies of the job that share it (renewShared). An
 * enrollment of an earlier try that is still open (KSeF's 429 came after its 202) is carried on,
 * never sent twice.
 */
async function renewStep(
  company: Company,
  withinDays: number,
  deps: BulkActionDeps,
  identities: IdentityRenewals,
): Promise<BulkOutcome> {
  const chosen = loginCertificateOf(
    company.id,
    deps.credentials.certificates(company.id),
    deps.identities.assignedTo(company.id),
    deps.clock.now(),
  )
  if (chosen.kind === 'identity') return renewShared(company, withinDays, deps, identities)
  if (chosen.kind !== 'certificate') return { kind: 'skipped', reason: 'noCertificate' }
  const old = deps.credentials.certificate(company.id, chosen.certificateId)
  if (!old) return { kind: 'skipped', reason: 'noCertificate' }
  if (daysUntil(old.validTo, deps.clock.now()) >= withinDays) {
    return { kind: 'skipped', reason: 'notExpiring' }
  }
  const result = await enrollOnce(
    company,
    (e) => e.renews === old.id,
    deps,
    () => deps.certificateLifecycle.renew(company.id, old.id, true),
  )
  return {
    kind: 'certificateRenewed',
    serialNumber: result.certificate?.serialNumber ?? result.enrollment.serialNumber ?? '',
    validTo: result.certificate?.validTo ?? null,
    identityId: null,
  }
}

/** The renewals of identities under way or done in a job: which company renews it, and how. */
type IdentityRenewals = Map<string, { companyName: string; renewal: Promise<BulkOutcome> }>

/**
 * Odnów for a company that logs in with an identity: the first company of the job that has it
 * renews it (below); the others wait for that and share its outcome, or fail naming that company.
 */
async function renewShared(
  company: Company,
  withinDays: number,
  deps: BulkActionDeps,
  identities: IdentityRenewals,
): Promise<BulkOutcome> {
  const identity = deps.identities.assignedTo(company.id)
  if (!identity) return { kind: 'skipped', reason: 'noCertificate' }
  const under = identities.get(identity.id)
  if (under) {
    try {
      return await under.renewal
    } catch {
      throw new AppError(
        'BULK_IDENTITY_RENEWED_ELSEWHERE',
        `This company logs in with the identity ${identity.name}, whose renewal failed for ${under.companyName}: see that company's row.`,
        { identityName: identity.name, companyName: under.companyName },
      )
    }
  }
  if (daysUntil(identity.validTo, deps.clock.now()) >= withinDays) {
    return { kind: 'skipped', reason: 'notExpiring' }
  }
  const renewal = renewIdentity(company, identity, deps)
  identities.set(identity.id, { companyName: company.name, renewal })
  try {
    return await renewal
  } catch (error) {
    // Tried again (after KSeF's 429) or by the next company of the identity, not marked done.
    identities.delete(identity.id)
    throw error
  }
}

/**
 * An identity's successor: the identity logs in to this company's context, KSeF issues it a
 * certificate of the same subject, which is retrieved here, takes the identity's place (every
 * company assigned follows), and leaves the company's own list.
 */
async function renewIdentity(
  company: Company,
  identity: Identity,
  deps: BulkActionDeps,
): Promise<BulkOutcome> {
  if (identity.issuerKind !== 'ksef') {
    throw new AppError(
      'CERT_RENEW_NOT_KSEF',
      'Only a certificate issued by KSeF can be renewed; request a new one instead.',
      { issuerKind: identity.issuerKind },
    )
  }
  const result = await enrollOnce(
    company,
    (e) => e.name === identity.name && e.renews === null,
    deps,
    () =>
      deps.certificateLifecycle.enroll(
        company.id,
        {
          name: identity.name,
          kind: 'Authentication',
          keyType: identity.keyAlgorithm.startsWith('RSA') ? 'RSA' : 'EC',
          validFrom: null,
          makeDefault: false,
        },
        true,
      ),
  )
  const issued = result.certificate
  if (!issued) {
    throw new AppError(
      'CERT_ENROLLMENT_PENDING',
      'KSeF has not issued this certificate yet: there is no serial number to retrieve. Check its status in a moment.',
      { statusCode: result.enrollment.status?.code ?? null },
    )
  }
  const keySecret = certificateKeySecret(company.id, issued.id)
  const pem = await deps.certificateFiles.read(issued.id)
  const key = (await deps.secrets.get(keySecret)) ?? ''
  const renewed = await deps.identityService.renew(identity.id, {
    certificate: { name: `${issued.id}.pem`, base64: Buffer.from(pem).toString('base64') },
    privateKey: { name: `${issued.id}.key`, base64: Buffer.from(key).toString('base64') },
    password: '',
  })
  await deps.secrets.delete(keySecret)
  await deps.certificateFiles.remove(issued.id)
  deps.credentials.removeCertificate(company.id, issued.id)
  return {
    kind: 'certificateRenewed',
    serialNumber: renewed.serialNumber,
    validTo: renewed.validTo,
    identityId: renewed.id,
  }
}

/**
 * An enrollment sent once: one of an earlier try still open (KSeF's 429 came after its 202) is
 * read and retrieved; else `enroll` runs in a session obtained with the certificate, which KSeF
 * requires for enrollments.
 */
async function enrollOnce(
  company: Company,
  mine: (enrollment: EnrollmentSummary) => boolean,
  deps: BulkActionDeps,
  enroll: () => Promise<EnrollmentResult>,
): Promise<EnrollmentResult> {
  const open = deps.enrollments
    .enrollments(company.id)
    .find((e) => mine(e) && e.certificateId === null && (e.status?.code ?? 100) < 300)
  if (open?.referenceNumber) {
    await deps.certificateLifecycle.enrollmentStatus(company.id, open.id)
    return deps.certificateLifecycle.retrieve(company.id, open.id)
  }
  if (deps.login.state(company.id).session?.method !== 'certificate') {
    await deps.login.loginWithCertificate(company.id)
  }
  return enroll()
}
