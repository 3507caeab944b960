// The company's certificate list as a terminal reads it (what is on this computer reconciled with
// KSeF: certificates:listing), and the CLI's ways of naming one of its rows: an enrollment by its
// KSeF reference number, a certificate by its serial number.
import type { Company } from '../../shared/domain/company'
import type {
  CertificateListing,
  CertificateListingNotice,
  CertificateLocation,
  CertificateRow,
  EnrollmentSummary,
} from '../../shared/domain/ksef-certificates'
import type { CertificateSummary } from '../../shared/domain/credentials'
import { AppError } from '../../shared/ipc/errors'
import { explainKsefCode } from '../../shared/ksef/codes'
import { describeCompany } from './company-choice'
import { lines } from './summaries'

const locationText: Record<CertificateLocation, string> = {
  thisComputer: 'on this computer, with its key',
  ksefOnly: 'only in KSeF (no key here: it can be revoked, not used)',
  thisComputerUnusable:
    'on this computer, but revoked, blocked or expired in KSeF: never used to log in',
  enrollment: 'an enrollment, not retrieved yet',
}

export function listingText(listing: CertificateListing, company: Company): string {
  const checked = listing.ksefCheckedAt
    ? `KSeF's list read at ${listing.ksefCheckedAt}.`
    : "KSeF's list not read (ksef-desk certificates ksef reads it; it needs a session)."
  const rows =
    listing.rows.length === 0
      ? [`No certificates for ${describeCompany(company)}.`]
      : listing.rows.map(rowText)
  return [...rows, checked, ...listing.notices.map(noticeText)].join('\n\n')
}

export function rowText(row: CertificateRow): string {
  const certificate = row.certificate
  return lines([
    ['Name', row.name],
    ['Type', row.kind],
    ['Serial number', row.serialNumber ?? 'not issued yet'],
    ['KSeF status', statusText(row)],
    ['Where', locationText[row.location]],
    ...(row.enrollment?.referenceNumber
      ? [['Enrollment', row.enrollment.referenceNumber] as [string, string]]
      : []),
    ['Valid', row.validFrom && row.validTo ? `${row.validFrom} – ${row.validTo}` : 'not known yet'],
    ['Last use', row.lastUseDate ?? 'never'],
    ...(certificate ? storedLines(certificate) : []),
    ['Default', row.isDefault ? 'yes' : 'no'],
  ])
}

function storedLines(c: CertificateSummary): [string, string][] {
  return [
    ['Subject', c.subject],
    ['Key', c.keyAlgorithm],
    ['Environment', c.environment],
  ]
}

function statusText(row: CertificateRow): string {
  if (row.ksefStatus) return row.ksefStatus
  if (row.enrollment) return enrollmentStatusText(row.enrollment)
  return 'not checked'
}

export function enrollmentStatusText(enrollment: EnrollmentSummary): string {
  const status = enrollment.status
  if (!status) return enrollment.referenceNumber ? 'sent' : 'not sent yet'
  return `enrollment ${status.code} ${status.description}`
}

/** What KSeF's enrollment status means and what to do, as the window says it. */
export function enrollmentStatusLines(enrollment: EnrollmentSummary): string[] {
  const code = enrollment.status?.code
  if (code === undefined || code === 200) return []
  const { title, explanation, fix } = explainKsefCode('enrollmentStatus', code).en
  return [
    `  KSeF ${code}: ${title}. ${explanation}`,
    ...(enrollment.status?.details ?? []).map((detail) => `  KSeF says: ${detail}`),
    `  What to do: ${fix}`,
  ]
}

export function noticeText(notice: CertificateListingNotice): string {
  const what = `The default ${notice.certificateKind} certificate "${notice.fromName}" can no longer be used`
  return notice.kind === 'defaultPassedOn' && notice.toName
    ? `Note: ${what}; "${notice.toName}" is the default now.`
    : `Note: ${what}, and no other certificate of its type can take its place.`
}

/** --reference REF: the enrollment of this data folder KSeF gave that reference number. */
export function enrollmentByReference(
  listing: CertificateListing,
  company: Company,
  reference: string,
): EnrollmentSummary {
  const found = listing.rows
    .map((row) => row.enrollment)
    .find((enrollment) => enrollment?.referenceNumber === reference)
  if (found) return found
  throw new AppError(
    'CERT_ENROLLMENT_NOT_FOUND',
    `No enrollment with the reference number ${reference} for ${describeCompany(company)} in this data folder. "ksef-desk certificates list" shows the enrollments.`,
    { referenceNumber: reference },
  )
}

/** The row of the listing with that serial number (KSeF's serials are hex: case is ignored). */
export function rowBySerial(
  listing: CertificateListing,
  serial: string,
): CertificateRow | undefined {
  const wanted = serial.toUpperCase()
  return listing.rows.find((each) => each.serialNumber?.toUpperCase() === wanted)
}

/** --serial S: the certificate stored on this computer with that serial number. */
export function storedBySerial(
  listing: CertificateListing,
  company: Company,
  serial: string,
): CertificateSummary {
  const row = rowBySerial(listing, serial)
  if (row?.certificate) return row.certificate
  const where = row ? ' KSeF knows it, but it is not stored on this computer.' : ''
  throw new AppError(
    'CERT_NOT_FOUND',
    `No certificate with the serial number ${serial} is stored for ${describeCompany(company)} in this data folder.${where} "ksef-desk certificates list" shows them.`,
    { serialNumber: serial },
  )
}

/** --serial S of a certificate only KSeF has (its row of KSeF's list), when it is not stored here. */
export function ksefOnlyBySerial(
  listing: CertificateListing,
  company: Company,
  serial: string,
): CertificateRow {
  const row = rowBySerial(listing, serial)
  if (row?.location === 'ksefOnly') return row
  throw new AppError(
    'CERT_NOT_FOUND',
    `Neither this data folder nor KSeF has a certificate with the serial number ${serial} for ${describeCompany(company)}. "ksef-desk certificates ksef" shows them.`,
    { serialNumber: serial },
  )
}
