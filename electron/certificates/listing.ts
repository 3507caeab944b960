// One certificate list per company: what is stored here and what is waiting as an enrollment,
// reconciled with KSeF's list of the logged-in subject (POST /certificates/query, every page).
import type { Company } from '../../shared/domain/company'
import {
  certificateStatusBarsLogin,
  type CertificateSummary,
} from '../../shared/domain/credentials'
import type {
  CertificateListing,
  CertificateListingNotice,
  CertificateRow,
  EnrollmentSummary,
} from '../../shared/domain/ksef-certificates'
import type { KsefClient } from '../ksef/client'
import type { CertificateList } from '../ksef/certificates'
import type { CertificateHandOff } from '../vault/credential-repository'
import type { CertificateLifecyclePorts } from './ports'
import { anySessionToken } from './signature-session'

export type KsefListedCertificate = CertificateList['certificates'][number]

/** KSeF's largest page; a subject holds at most 100 active certificates, plus the revoked ones. */
const pageSize = 50
const maxPages = 100

export async function queryAllCertificates(
  client: KsefClient,
  accessToken: string,
  filter: Parameters<KsefClient['certificates']['queryCertificates']>[1] = {},
): Promise<KsefListedCertificate[]> {
  const all: KsefListedCertificate[] = []
  for (let pageOffset = 0; pageOffset < maxPages; pageOffset++) {
    const page = await client.certificates.queryCertificates(accessToken, filter, {
      pageSize,
      pageOffset,
    })
    all.push(...page.certificates)
    if (!page.hasMore) break
  }
  return all
}

const iso = (value: string): string => new Date(Date.parse(value)).toISOString()
const sameSerial = (a: string | null, b: string): boolean =>
  a !== null && a.toUpperCase() === b.toUpperCase()

export async function certificateListing(
  ports: CertificateLifecyclePorts,
  company: Company,
  fromKsef: boolean,
  earlierHandOffs: CertificateHandOff[] = [],
): Promise<CertificateListing> {
  let listed: KsefListedCertificate[] = []
  let ksefCheckedAt: string | null = null
  const handOffs = [...earlierHandOffs]
  if (fromKsef) {
    const accessToken = await anySessionToken(ports.session, company.id)
    listed = await queryAllCertificates(
      ports.clients.forEnvironment(company.environment),
      accessToken,
    )
    ksefCheckedAt = new Date(ports.clock.now()).toISOString()
    const before = statuses(ports.credentials.certificates(company.id))
    const listedStatuses = listed.map((c) => ({
      serialNumber: c.certificateSerialNumber,
      status: c.status,
    }))
    handOffs.push(
      ...ports.credentials.recordKsefCertificateStatuses(company.id, listedStatuses, ksefCheckedAt),
    )
    // A session signed with the company's identity lists the identity's own certificate too.
    ports.identities.recordKsefStatuses(listedStatuses)
    if (statuses(ports.credentials.certificates(company.id)) !== before) {
      ports.events.emit('certificates:changed', { companyId: company.id })
    }
  }
  const stored = ports.credentials.certificates(company.id)
  const enrollments = ports.enrollments.enrollments(company.id)
  // A retrieved enrollment is its certificate's row; once that is removed, KSeF's row is left.
  const waiting = enrollments.filter((e) => e.certificateId === null)
  const listedFor = (serial: string | null) =>
    serial === null ? undefined : listed.find((c) => sameSerial(serial, c.certificateSerialNumber))
  const known = (serial: string) =>
    stored.some((c) => sameSerial(c.serialNumber, serial)) ||
    waiting.some((e) => sameSerial(e.serialNumber, serial))

  const rows: CertificateRow[] = [
    ...waiting.map((e) => enrollmentRow(e, listedFor(e.serialNumber))),
    ...[...stored]
      .sort((a, b) => b.addedAt.localeCompare(a.addedAt))
      .map((c) =>
        storedRow(
          c,
          listedFor(c.serialNumber),
          enrollments.find((e) => e.certificateId === c.id),
        ),
      ),
    ...listed.filter((c) => !known(c.certificateSerialNumber)).map(ksefOnlyRow),
  ]
  return { companyId: company.id, rows, ksefCheckedAt, notices: handOffs.map(notice) }
}

const statuses = (certificates: CertificateSummary[]): string =>
  JSON.stringify(certificates.map((c) => [c.id, c.ksefStatus, c.isDefault]))

function storedRow(
  certificate: CertificateSummary,
  listed: KsefListedCertificate | undefined,
  enrollment: EnrollmentSummary | undefined,
): CertificateRow {
  return {
    id: certificate.id,
    location: certificateStatusBarsLogin(certificate.ksefStatus)
      ? 'thisComputerUnusable'
      : 'thisComputer',
    name: certificate.name,
    kind: certificate.kind,
    serialNumber: certificate.serialNumber,
    validFrom: certificate.validFrom,
    validTo: certificate.validTo,
    ksefStatus: certificate.ksefStatus,
    lastUseDate: listed?.lastUseDate ? iso(listed.lastUseDate) : null,
    isDefault: certificate.isDefault,
    certificate,
    enrollment: enrollment ?? null,
  }
}

function enrollmentRow(
  enrollment: EnrollmentSummary,
  listed: KsefListedCertificate | undefined,
): CertificateRow {
  return {
    id: enrollment.id,
    location: 'enrollment',
    name: enrollment.name,
    kind: enrollment.kind,
    serialNumber: enrollment.serialNumber,
    validFrom: listed ? iso(listed.validFrom) : null,
    validTo: listed ? iso(listed.validTo) : null,
    ksefStatus: listed?.status ?? null,
    lastUseDate: listed?.lastUseDate ? iso(listed.lastUseDate) : null,
    isDefault: false,
    certificate: null,
    enrollment,
  }
}

function ksefOnlyRow(listed: KsefListedCertificate): CertificateRow {
  return {
    id: `ksef:${listed.certificateSerialNumber}`,
    location: 'ksefOnly',
    name: listed.name,
    kind: listed.type,
    serialNumber: listed.certificateSerialNumber,
    validFrom: iso(listed.validFrom),
    validTo: iso(listed.validTo),
    ksefStatus: listed.status,
    lastUseDate: listed.lastUseDate ? iso(listed.lastUseDate) : null,
    isDefault: false,
    certificate: null,
    enrollment: null,
  }
}

function notice({ from, to }: CertificateHandOff): CertificateListingNotice {
  return {
    kind: to ? 'defaultPassedOn' : 'defaultLost',
    certificateKind: from.kind,
    fromCertificateId: from.id,
    fromName: from.name,
    toCertificateId: to?.id ?? null,
    toName: to?.name ?? null,
  }
}
