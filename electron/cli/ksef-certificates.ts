// KSeF certificates from a terminal, beyond enrollment: the MF public keys, the limits, KSeF's own
// list, revocation, export of a certificate and its key to files, the Offline check with KOD II.
// --serial names a certificate by its serial number; the contract names a stored one by its id.
import { CertificateKind, KsefCertificateStatus } from '../../shared/domain/credentials'
import {
  CertificateRevocationReason,
  ExportFormat,
  type CertificateLimits,
  type CertificateListing,
  type OfflineCheckResult,
  type PublicKeyCertificates,
} from '../../shared/domain/ksef-certificates'
import type { Company } from '../../shared/domain/company'
import { FolderFileSaver } from '../files/folder-file-saver'
import { describeCompany } from './company-choice'
import {
  ksefOnlyBySerial,
  listingText,
  noticeText,
  rowBySerial,
  rowText,
  storedBySerial,
} from './certificate-listing'
import type { CliCommand } from './command'
import {
  companyChoice,
  companyHelp,
  companyOptions,
  companyUsage,
  dataFolderHelp,
  dataFolderOptions,
  dataFolderUsage,
  withDataFolder,
  type DataFolderApp,
} from './data-folder'
import {
  contractValue,
  contractValues,
  environmentOf,
  optionalString,
  optionValueName,
  requiredSecret,
  requiredString,
  secretOptions,
} from './options'
import { lines } from './summaries'

const publicKeys: CliCommand = {
  path: ['public-keys'],
  summary: 'the MF public-key certificates of an environment (for tokens and session keys)',
  usage: `--env test|demo|prod [--refresh] ${dataFolderUsage}`,
  help:
    'GET /security/public-key-certificates: the keys KSeF tokens (KsefTokenEncryption) and session\n' +
    'keys (SymmetricKeyEncryption) are encrypted with, with their validity and SHA-256 fingerprints.\n' +
    'They are kept in the data folder per environment; --refresh asks KSeF again. No session needed.\n' +
    '--json prints them as the contract has them (PublicKeyCertificates).\n\n' +
    dataFolderHelp,
  options: { env: { type: 'string' }, refresh: { type: 'boolean' }, ...dataFolderOptions },
  positionals: { min: 0, max: 0 },
  run({ values }, io) {
    const environment = environmentOf(values)
    return withDataFolder(values, io, async ({ call }) => {
      const keys = await call('certificates:publicKeys', {
        environment,
        refresh: values.refresh === true,
      })
      return { text: publicKeysText(keys), json: keys }
    })
  },
}

/**
 * The certificate --serial names: one stored here, else one only KSeF has (read from KSeF's list,
 * which needs the company's session; its .crt is all there is to export).
 */
async function exportable(
  call: DataFolderApp['call'],
  company: Company,
  serial: string,
): Promise<{ id: string; name: string; serialNumber: string }> {
  const here = rowBySerial(await call('certificates:listing', { companyId: company.id }), serial)
  if (here?.certificate) return here.certificate
  const listing = await call('certificates:listing', { companyId: company.id, fromKsef: true })
  const row = ksefOnlyBySerial(listing, company, serial)
  return { id: row.id, name: row.name, serialNumber: row.serialNumber ?? serial }
}

function publicKeysText(keys: PublicKeyCertificates): string {
  const header = `MF public keys of ${keys.environment}, fetched at ${keys.fetchedAt}:`
  const each = keys.certificates.map((c) =>
    lines([
      ['Usage', c.usage.join(', ')],
      ['Valid', `${c.validFrom} – ${c.validTo}`],
      ['Subject', c.subject],
      ['SHA-256 fingerprint', c.fingerprintSha256],
      ['Public key id', c.publicKeyId],
    ]),
  )
  return [header, ...each].join('\n\n')
}

const limits: CliCommand = {
  path: ['certificates', 'limits'],
  summary: 'how many KSeF certificates the company may still ask for (needs a session)',
  usage: `${companyUsage} ${dataFolderUsage}`,
  help:
    "GET /certificates/limits for the subject of the company's session: enrollments left and active\n" +
    'certificates left. --json prints them (CertificateLimits).\n\n' +
    `${companyHelp}\n\n${dataFolderHelp}`,
  options: { ...companyOptions, ...dataFolderOptions },
  positionals: { min: 0, max: 0 },
  run({ values }, io) {
    const choice = companyChoice(values)
    return withDataFolder(values, io, async ({ call, company }) => {
      const target = await company(choice)
      const found = await call('certificates:limits', { companyId: target.id })
      return { text: `${describeCompany(target)}\n${limitsText(found)}`, json: found }
    })
  },
}

function limitsText(found: CertificateLimits): string {
  const why =
    found.enrollment.remaining <= 0
      ? 'no: no enrollments left'
      : found.certificate.remaining <= 0
        ? 'no: the limit of active certificates is reached (revoke one first)'
        : 'no'
  return lines([
    ['Enrollments left', `${found.enrollment.remaining} of ${found.enrollment.limit}`],
    ['Active certificates left', `${found.certificate.remaining} of ${found.certificate.limit}`],
    ['May enroll now', found.canRequest ? 'yes' : why],
  ])
}

const ksefList: CliCommand = {
  path: ['certificates', 'ksef'],
  summary: "the company's certificates in KSeF, reconciled with this computer",
  usage:
    `${companyUsage} [--status active|blocked|revoked|expired] [--type authentication|offline]\n` +
    `    ${dataFolderUsage}`,
  help:
    "POST /certificates/query (every page) for the subject of the company's session, matched with\n" +
    'what this computer holds: each row says where the certificate lives — here with its key, only\n' +
    'in KSeF (can be revoked, not used), or here but revoked, blocked or expired in KSeF (never used\n' +
    'to log in; a default of those passes to another, and that is said). The statuses found are kept\n' +
    'for certificates list. --status and --type (comma-separated lists allowed) show only those rows.\n' +
    '--json prints the listing (CertificateListing) with the rows shown.\n\n' +
    `${companyHelp}\n\n${dataFolderHelp}`,
  options: {
    ...companyOptions,
    status: { type: 'string' },
    type: { type: 'string' },
    ...dataFolderOptions,
  },
  positionals: { min: 0, max: 0 },
  run({ values }, io) {
    const choice = companyChoice(values)
    const statuses = contractValues(values, 'status', KsefCertificateStatus.options)
    const kinds = contractValues(values, 'type', CertificateKind.options)
    return withDataFolder(values, io, async ({ call, company }) => {
      const target = await company(choice)
      const listing = await call('certificates:listing', { companyId: target.id, fromKsef: true })
      const shown: CertificateListing = {
        ...listing,
        rows: listing.rows.filter(
          (row) =>
            (statuses.length === 0 || (row.ksefStatus && statuses.includes(row.ksefStatus))) &&
            (kinds.length === 0 || kinds.includes(row.kind)),
        ),
      }
      return { text: listingText(shown, target), json: shown }
    })
  },
}

const revoke: CliCommand = {
  path: ['certificates', 'revoke'],
  summary: 'revoke a KSeF certificate (Unieważnij)',
  usage:
    `${companyUsage} --serial S [--reason unspecified|superseded|key-compromise]\n` +
    `    ${dataFolderUsage}`,
  help:
    'POST /certificates/{serial}/revoke: KSeF stops accepting the certificate for good. It may be one\n' +
    'stored here or one only in KSeF. --reason: unspecified (default), superseded (replaced by a new\n' +
    'one), key-compromise (the key may be known to others). A revoked certificate stored here is\n' +
    'never used to log in again; when it was the default, the default passes on and that is said.\n' +
    "Needs the company's session (by a signature). --json prints the listing afterwards.\n\n" +
    `${companyHelp}\n\n${dataFolderHelp}`,
  options: {
    ...companyOptions,
    serial: { type: 'string' },
    reason: { type: 'string' },
    ...dataFolderOptions,
  },
  positionals: { min: 0, max: 0 },
  run({ values }, io) {
    const choice = companyChoice(values)
    const serialNumber = requiredString(values, 'serial')
    const reason = contractValue(
      values,
      'reason',
      CertificateRevocationReason.options,
      'Unspecified',
    )
    return withDataFolder(values, io, async ({ call, company }) => {
      const target = await company(choice)
      const listing = await call('certificates:revoke', {
        companyId: target.id,
        serialNumber,
        reason,
      })
      const row = listing.rows.find(
        (each) => each.serialNumber?.toUpperCase() === serialNumber.toUpperCase(),
      )
      const header = `Certificate ${serialNumber} of ${describeCompany(target)} revoked in KSeF (reason: ${optionValueName(reason)}).`
      return {
        text: [header, ...(row ? [rowText(row)] : []), ...listing.notices.map(noticeText)].join(
          '\n',
        ),
        json: listing,
      }
    })
  },
}

const exportCertificate: CliCommand = {
  path: ['certificates', 'export'],
  summary: 'a certificate and its key to files: .crt + .key, or .p12 (Eksportuj)',
  usage:
    `${companyUsage} --serial S --out DIR [--format pem|p12]\n` +
    `    (--password-file F | --password P) ${dataFolderUsage}`,
  help:
    '--format pem (default): the certificate as NAME.crt (PEM) and its key as NAME.key (encrypted\n' +
    'PKCS#8: PBES2, AES-256-CBC, PBKDF2-HMAC-SHA256, as the MF web app writes it); p12: one NAME.p12\n' +
    "(PBES2 AES-256, SHA-256 MAC). NAME is the certificate's name and serial number (characters other\n" +
    'than letters, digits, - and _ become _). DIR is created when missing; an\n' +
    'existing file is never overwritten. The password protects the key: 15–32 characters with an\n' +
    'upper-case and a lower-case letter, a digit and one of !@#$%^&*()-_+=, no Polish letters, nothing\n' +
    'else (the MF rules). --password-file reads it from the first line of a file, out of the shell\n' +
    'history. A certificate with no key on this computer (one only KSeF has: read from KSeF, which\n' +
    "needs the company's session) is written as NAME.crt only, and that is said.\n" +
    '--json prints the files written (CertificateExportResult).\n\n' +
    `${companyHelp}\n\n${dataFolderHelp}`,
  options: {
    ...companyOptions,
    serial: { type: 'string' },
    out: { type: 'string' },
    format: { type: 'string' },
    ...secretOptions('password'),
    ...dataFolderOptions,
  },
  positionals: { min: 0, max: 0 },
  run({ values }, io) {
    const choice = companyChoice(values)
    const serial = requiredString(values, 'serial')
    const out = requiredString(values, 'out')
    const format = contractValue(values, 'format', ExportFormat.options, 'pem')
    const password = requiredSecret(values, 'password', io)
    return withDataFolder(
      values,
      io,
      async ({ call, company }) => {
        const target = await company(choice)
        const exported = await exportable(call, target, serial)
        const result = await call('certificates:export', {
          companyId: target.id,
          certificateId: exported.id,
          format,
          password,
        })
        const written = result.files
          .filter((file) => file.saved)
          .map((file) => `  ${file.location ?? file.name}`)
        const only = result.certificateOnly
          ? [
              'No private key is kept on this computer for this certificate: only the certificate was written.',
            ]
          : []
        return {
          text: [
            `Certificate "${exported.name}" (${exported.serialNumber}) exported:`,
            ...written,
            ...only,
          ].join('\n'),
          json: result,
        }
      },
      { fileSaver: new FolderFileSaver(io.resolvePath(out)) },
    )
  },
}

const offlineCheck: CliCommand = {
  path: ['certificates', 'offline-check'],
  summary: 'check an Offline certificate and sign a sample KOD II link with it',
  usage: `${companyUsage} --serial S [--qr-out FILE.png] [--force] ${dataFolderUsage}`,
  help:
    'Sprawdź certyfikat trybu Offline: the type by key usage, the validity, whether the stored key fits,\n' +
    'the status in KSeF when the company has a session, and a sample KOD II link signed with the key,\n' +
    'as printed on an offline invoice. --qr-out writes that link as a QR code (PNG); --force replaces\n' +
    'an existing file. --json prints the OfflineCheckResult (the PNG in base64).\n\n' +
    `${companyHelp}\n\n${dataFolderHelp}`,
  options: {
    ...companyOptions,
    serial: { type: 'string' },
    'qr-out': { type: 'string' },
    force: { type: 'boolean' },
    ...dataFolderOptions,
  },
  positionals: { min: 0, max: 0 },
  run({ values }, io) {
    const choice = companyChoice(values)
    const serial = requiredString(values, 'serial')
    const qrOut = optionalString(values, 'qr-out')
    return withDataFolder(values, io, async ({ call, company }) => {
      const target = await company(choice)
      const listing = await call('certificates:listing', { companyId: target.id })
      const certificate = storedBySerial(listing, target, serial)
      const result = await call('certificates:offlineCheck', {
        companyId: target.id,
        certificateId: certificate.id,
      })
      if (qrOut !== undefined) {
        io.writeFile(qrOut, Buffer.from(result.qrPngBase64, 'base64'), {
          secret: false,
          overwrite: values.force === true,
        })
      }
      const qr = qrOut === undefined ? [] : [`QR code of the link written to ${qrOut}.`]
      return {
        text: [`Offline check of "${certificate.name}":`, offlineCheckText(result), ...qr].join(
          '\n',
        ),
        json: result,
      }
    })
  },
}

const validityText = {
  valid: 'valid now',
  expired: 'EXPIRED',
  notYetValid: 'NOT YET VALID',
} as const

function offlineCheckText(result: OfflineCheckResult): string {
  return lines([
    ['Serial number', result.serialNumber],
    ['Type by key usage', result.kindByKeyUsage ?? 'neither Authentication nor Offline'],
    ['Valid', `${result.validFrom} – ${result.validTo} (${validityText[result.validity]})`],
    ['Key fits', result.keyFits ? 'yes' : 'NO'],
    ['KSeF status', result.ksefStatus ?? 'not checked (no session)'],
    ['Sample KOD II link', result.link],
  ])
}

export const ksefCertificateCommands: CliCommand[] = [
  limits,
  ksefList,
  revoke,
  exportCertificate,
  offlineCheck,
]

export const publicKeyCommands: CliCommand[] = [publicKeys]
