import 'reflect-metadata'
import { createHash } from 'node:crypto'
import * as x509 from '@peculiar/x509'
import { enrollmentDataAttributes, sameAttributes } from '../certificate-subject'
import type { RequestContext, RouteTable, SimulatorCore } from '../core'
import { json, noContent, sessionOf } from '../core'
import { inspectCsr } from '../csr-verification'
import { Forbidden, Gone, KsefException } from '../http-errors'
import type { SubjectIdentifier } from '../identifiers'
import { sameSubject, subjectKey } from '../identifiers'
import { DAY, formatKsefTimestamp, parseKsefTimestamp } from '../ksef-time'
import { linkedSubjects } from '../permissions'
import { newCertificateSerialNumber, newReferenceNumber } from '../reference-numbers'
import type {
  AuthOperation,
  CertificateStatus,
  CertificateType,
  Enrollment,
  EnrollmentData,
  IssuedCertificate,
  RevocationReason,
  SimulatorState,
  StatusInfo,
  SubjectLimits,
} from '../state'
import { certificateStatus } from '../state'

const ENROLLMENT_STATUS_RETENTION_MS = 30 * DAY

/** Defaults per authenticated identifier since API 2.3.0 (REFERENCE §4.1). */
const DEFAULT_LIMITS: Record<SubjectIdentifier['type'], SubjectLimits> = {
  Nip: { enrollment: 300, certificate: 100 },
  Pesel: { enrollment: 12, certificate: 6 },
  Fingerprint: { enrollment: 12, certificate: 6 },
}

export function subjectLimits(state: SimulatorState, subject: SubjectIdentifier): SubjectLimits {
  return {
    ...DEFAULT_LIMITS[subject.type],
    ...state.subjectLimitOverrides.get(subjectKey(subject)),
  }
}

function ownedBy(
  state: SimulatorState,
  subject: SubjectIdentifier,
  owner: SubjectIdentifier,
): boolean {
  return linkedSubjects(state, subject).some((linked) => sameSubject(linked, owner))
}

function usage(state: SimulatorState, subject: SubjectIdentifier, now: number) {
  const limits = subjectLimits(state, subject)
  const enrollments = [...state.enrollments.values()].filter((e) =>
    sameSubject(e.subject, subject),
  ).length
  const active = [...state.certificates.values()].filter(
    (c) => sameSubject(c.subject, subject) && certificateStatus(c, now) === 'Active',
  ).length
  return {
    limits,
    enrollmentRemaining: Math.max(0, limits.enrollment - enrollments),
    certificateRemaining: Math.max(0, limits.certificate - active),
  }
}

function subjectOf(session: AuthOperation): SubjectIdentifier {
  if (!session.subject) throw new KsefException(21405, ['Nie ustalono podmiotu uwierzytelnienia.'])
  return session.subject
}

/** Enrollment data exists only for a signature login: KSeF copies it from that certificate. */
function enrollmentDataOf(session: AuthOperation, code: 25001 | 25002): EnrollmentData {
  if (session.method === 'Token' || !session.certificate) throw new KsefException(code)
  return session.certificate.enrollmentData
}

function addYears(ms: number, years: number): number {
  const date = new Date(ms)
  date.setUTCFullYear(date.getUTCFullYear() + years)
  return date.getTime()
}

const IN_PROGRESS: StatusInfo = { code: 100, description: 'Wniosek przyjęty do realizacji' }

export type EnrollmentFailureCode = 400 | 500 | 550

const FAILURE_DESCRIPTIONS: Record<EnrollmentFailureCode, StatusInfo> = {
  400: {
    code: 400,
    description: 'Wniosek odrzucony',
    details: ['Klucz publiczny został już certyfikowany przez inny podmiot.'],
  },
  500: { code: 500, description: 'Nieznany błąd' },
  550: { code: 550, description: 'Operacja została anulowana przez system' },
}

/** The status a seeded enrollment ends in; `details` replace the default ones. */
export function enrollmentFailure(code: EnrollmentFailureCode, details?: string[]): StatusInfo {
  const status = FAILURE_DESCRIPTIONS[code]
  return details ? { ...status, details } : { ...status }
}

async function settleEnrollment(
  core: SimulatorCore,
  enrollment: Enrollment,
  now: number,
): Promise<void> {
  const { state } = core
  if (enrollment.seededEnding) {
    enrollment.result = { status: enrollment.seededEnding }
    return
  }
  const publicKeySha256 = createHash('sha256').update(enrollment.publicKeyDer).digest('hex')
  if ([...state.certificates.values()].some((c) => c.publicKeySha256 === publicKeySha256)) {
    enrollment.result = {
      status: {
        code: 400,
        description: 'Wniosek odrzucony',
        details: ['Klucz publiczny został już certyfikowany przez inny podmiot.'],
      },
    }
    return
  }
  if (usage(state, enrollment.subject, now).certificateRemaining === 0) {
    enrollment.result = {
      status: {
        code: 400,
        description: 'Wniosek odrzucony',
        details: ['Osiągnięto dopuszczalny limit posiadanych certyfikatów.'],
      },
    }
    return
  }
  const serialNumber = newCertificateSerialNumber()
  const validFromMs = enrollment.validFromMs ?? now
  const validToMs = addYears(validFromMs, 2)
  const subject = new x509.Name(enrollment.csrSubjectDer)
  const der = await core.authority.issue({
    subject,
    publicKey: enrollment.publicKeyDer,
    notBefore: new Date(validFromMs),
    notAfter: new Date(validToMs),
    keyUsage: enrollment.type === 'Authentication' ? 'digitalSignature' : 'nonRepudiation',
    serialNumber,
  })
  registerCertificate(state, {
    serialNumber,
    name: enrollment.name,
    type: enrollment.type,
    der,
    subject: enrollment.subject,
    commonName: subject.getField('2.5.4.3')[0] ?? '',
    validFromMs,
    validToMs,
    requestMs: enrollment.requestMs,
    publicKeySha256,
  })
  enrollment.result = {
    status: { code: 200, description: 'Wniosek obsłużony (certyfikat wygenerowany)' },
    serialNumber,
  }
}

export function registerCertificate(state: SimulatorState, certificate: IssuedCertificate): void {
  state.certificates.set(certificate.serialNumber, certificate)
}

interface EnrollBody {
  certificateName: string
  certificateType: CertificateType
  csr: string
  validFrom?: string | null
}

async function enroll(core: SimulatorCore, ctx: RequestContext) {
  const session = sessionOf(core, ctx)
  const data = enrollmentDataOf(session, 25002)
  const subject = subjectOf(session)
  const body = ctx.json as EnrollBody
  const csr = await inspectCsr(Buffer.from(body.csr, 'base64'))
  if (!csr.ok) throw new KsefException(csr.code, csr.details)
  if (!sameAttributes(csr.subjectAttributes, enrollmentDataAttributes(data))) {
    throw new KsefException(25003, [
      'Nazwa wyróżniająca w CSR musi zawierać dokładnie atrybuty zwrócone przez /certificates/enrollments/data.',
    ])
  }
  const { enrollmentRemaining, certificateRemaining } = usage(core.state, subject, ctx.now)
  if (enrollmentRemaining === 0) throw new KsefException(25006)
  if (certificateRemaining === 0) throw new KsefException(25007)
  const validFromMs = body.validFrom ? parseKsefTimestamp(body.validFrom) : undefined
  const referenceNumber = newReferenceNumber('EH', ctx.now)
  const seededEnding = core.state.enrollmentEndings.shift()
  core.state.enrollments.set(referenceNumber, {
    ...(seededEnding ? { seededEnding } : {}),
    referenceNumber,
    requestMs: ctx.now,
    readyAtMs: ctx.now + core.config.enrollmentDelayMs,
    subject,
    name: body.certificateName,
    type: body.certificateType,
    csrSubjectDer: csr.subject.toArrayBuffer(),
    publicKeyDer: csr.publicKeyDer,
    ...(validFromMs !== undefined ? { validFromMs } : {}),
  })
  return json(202, { referenceNumber, timestamp: formatKsefTimestamp(ctx.now) })
}

interface QueryBody {
  certificateSerialNumber?: string | null
  name?: string | null
  type?: CertificateType | null
  status?: CertificateStatus | null
  expiresAfter?: string | null
}

export function certificateRoutes(core: SimulatorCore): RouteTable {
  const { state } = core
  const settling = new Map<string, Promise<void>>()
  return {
    'GET /certificates/limits': {
      bearer: ['access'],
      handle: (ctx) => {
        const session = sessionOf(core, ctx)
        const { limits, enrollmentRemaining, certificateRemaining } = usage(
          state,
          subjectOf(session),
          ctx.now,
        )
        return json(200, {
          canRequest:
            session.method !== 'Token' && enrollmentRemaining > 0 && certificateRemaining > 0,
          enrollment: { limit: limits.enrollment, remaining: enrollmentRemaining },
          certificate: { limit: limits.certificate, remaining: certificateRemaining },
        })
      },
    },
    'GET /certificates/enrollments/data': {
      bearer: ['access'],
      handle: (ctx) => json(200, enrollmentDataOf(sessionOf(core, ctx), 25001)),
    },
    'POST /certificates/enrollments': { bearer: ['access'], handle: (ctx) => enroll(core, ctx) },
    'GET /certificates/enrollments/{referenceNumber}': {
      bearer: ['access'],
      handle: async (ctx) => {
        const subject = subjectOf(sessionOf(core, ctx))
        const enrollment = state.enrollments.get(ctx.params.referenceNumber ?? '')
        if (!enrollment || !ownedBy(state, subject, enrollment.subject))
          throw new KsefException(25005)
        if (ctx.now - enrollment.requestMs > ENROLLMENT_STATUS_RETENTION_MS) throw new Gone()
        if (!enrollment.result && ctx.now >= enrollment.readyAtMs) {
          // Two polls at once must not issue two certificates for one enrollment.
          const pending =
            settling.get(enrollment.referenceNumber) ?? settleEnrollment(core, enrollment, ctx.now)
          settling.set(enrollment.referenceNumber, pending)
          await pending
          settling.delete(enrollment.referenceNumber)
        }
        const result = enrollment.result
        return json(200, {
          requestDate: formatKsefTimestamp(enrollment.requestMs),
          status: result?.status ?? IN_PROGRESS,
          ...(result?.serialNumber ? { certificateSerialNumber: result.serialNumber } : {}),
        })
      },
    },
    'POST /certificates/retrieve': {
      bearer: ['access'],
      handle: (ctx) => {
        const subject = subjectOf(sessionOf(core, ctx))
        const { certificateSerialNumbers } = ctx.json as { certificateSerialNumbers: string[] }
        const certificates = certificateSerialNumbers
          .map((serial) => state.certificates.get(serial))
          .filter(
            (c): c is IssuedCertificate => c !== undefined && ownedBy(state, subject, c.subject),
          )
          .map((c) => ({
            certificate: c.der.toString('base64'),
            certificateName: c.name,
            certificateSerialNumber: c.serialNumber,
            certificateType: c.type,
          }))
        return json(200, { certificates })
      },
    },
    'POST /certificates/{certificateSerialNumber}/revoke': {
      bearer: ['access'],
      handle: (ctx) => {
        const session = sessionOf(core, ctx)
        if (session.method === 'Token') {
          throw new Forbidden(
            'auth-method-not-allowed',
            'Ta operacja nie jest dostępna dla użytej metody uwierzytelnienia.',
            {
              authenticationMethodCategory: 'Token',
            },
          )
        }
        const subject = subjectOf(session)
        const certificate = state.certificates.get(ctx.params.certificateSerialNumber ?? '')
        if (!certificate || !ownedBy(state, subject, certificate.subject))
          throw new KsefException(25008)
        if (certificateStatus(certificate, ctx.now) !== 'Active') throw new KsefException(25009)
        const body = ctx.json as { revocationReason?: RevocationReason | null } | undefined
        certificate.revocationReason = body?.revocationReason ?? 'Unspecified'
        certificate.revokingFromMs = ctx.now
        certificate.revokedFromMs = ctx.now + core.config.revocationDelayMs
        return noContent()
      },
    },
    'POST /certificates/query': {
      bearer: ['access'],
      handle: (ctx) => {
        const subject = subjectOf(sessionOf(core, ctx))
        const filters = (ctx.json ?? {}) as QueryBody
        const expiresAfterMs = filters.expiresAfter
          ? parseKsefTimestamp(filters.expiresAfter)
          : undefined
        const matching = [...state.certificates.values()]
          .filter((c) => ownedBy(state, subject, c.subject))
          .filter(
            (c) =>
              !filters.certificateSerialNumber ||
              c.serialNumber === filters.certificateSerialNumber,
          )
          .filter((c) => !filters.name || c.name.toLowerCase().includes(filters.name.toLowerCase()))
          .filter((c) => !filters.type || c.type === filters.type)
          .filter((c) => !filters.status || certificateStatus(c, ctx.now) === filters.status)
          .filter((c) => expiresAfterMs === undefined || c.validToMs > expiresAfterMs)
          .sort((a, b) => b.requestMs - a.requestMs)
        const pageSize = Number(ctx.query.get('pageSize') ?? 10)
        const pageOffset = Number(ctx.query.get('pageOffset') ?? 0)
        const page = matching.slice(pageOffset * pageSize, (pageOffset + 1) * pageSize)
        return json(200, {
          certificates: page.map((c) => ({
            certificateSerialNumber: c.serialNumber,
            name: c.name,
            type: c.type,
            commonName: c.commonName,
            status: certificateStatus(c, ctx.now),
            subjectIdentifier: c.subject,
            validFrom: formatKsefTimestamp(c.validFromMs),
            validTo: formatKsefTimestamp(c.validToMs),
            ...(c.lastUseMs !== undefined ? { lastUseDate: formatKsefTimestamp(c.lastUseMs) } : {}),
            requestDate: formatKsefTimestamp(c.requestMs),
          })),
          hasMore: (pageOffset + 1) * pageSize < matching.length,
        })
      },
    },
  }
}
