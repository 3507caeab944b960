// `certificates enroll|status|retrieve`: Wniosek o certyfikat from a terminal. The key pair is made
// and sealed in the data folder before KSeF is asked; --reference names an enrollment by the
// reference number KSeF gave it (the contract names it by the data folder's own id).
import { z } from 'zod'
import type { Company } from '../../shared/domain/company'
import { CertificateKind } from '../../shared/domain/credentials'
import {
  EnrollmentKeyType,
  type EnrollmentResult,
  type EnrollmentSummary,
} from '../../shared/domain/ksef-certificates'
import { certificateProgressPrinter } from './certificate-progress'
import {
  enrollmentByReference,
  enrollmentStatusLines,
  enrollmentStatusText,
} from './certificate-listing'
import type { CliCommand, CliOutput, OptionValues } from './command'
import { certificateText } from './company-credentials'
import { describeCompany } from './company-choice'
import {
  companyChoice,
  companyHelp,
  companyOptions,
  companyUsage,
  dataFolderHelp,
  dataFolderOptions,
  dataFolderUsage,
  withDataFolder,
  type CompanyChoice,
  type DataFolderApp,
} from './data-folder'
import {
  contractValue,
  environmentOptionName,
  optionalString,
  requiredString,
  usageError,
} from './options'
import { lines } from './summaries'

const enroll: CliCommand = {
  path: ['certificates', 'enroll'],
  summary: 'ask KSeF for a certificate (Wniosek o certyfikat), retrieve and store it',
  usage:
    `${companyUsage} --name NAME --type authentication|offline [--key ec|rsa]\n` +
    `    [--valid-from ISO] [--default] [--no-wait] ${dataFolderUsage}`,
  help:
    "Needs the company's session obtained by a signature (login --method certificate, or --signed):\n" +
    'KSeF refuses an enrollment from a token session. --name: 5–100 characters, letters (Polish too),\n' +
    'digits, space, - and _ (the MF web app allows at most 50). --type authentication logs in to KSeF,\n' +
    'offline signs KOD II links of offline invoices. --key: a fresh EC P-256 pair (default) or RSA 2048,\n' +
    'sealed in the data folder before the request is sent. --valid-from: when the certificate starts\n' +
    '(ISO 8601 with a time zone, e.g. 2027-01-01T00:00:00Z; default now). --default makes it the\n' +
    'default certificate of its type once it is retrieved.\n' +
    '\n' +
    'The command waits until KSeF issues the certificate (status 200, a serial number), retrieves it,\n' +
    'pairs it with its key and prints the serial number. --no-wait returns after sending, with the\n' +
    "enrollment's reference number for certificates status and certificates retrieve; the key waits\n" +
    'in the data folder. Progress goes to stderr (not with --json). --json prints the EnrollmentResult.\n' +
    '\n' +
    `${companyHelp}\n\n${dataFolderHelp}`,
  options: {
    ...companyOptions,
    name: { type: 'string' },
    type: { type: 'string' },
    key: { type: 'string' },
    'valid-from': { type: 'string' },
    default: { type: 'boolean' },
    'no-wait': { type: 'boolean' },
    ...dataFolderOptions,
  },
  positionals: { min: 0, max: 0 },
  run({ values }, io) {
    const choice = companyChoice(values)
    const draft = {
      name: requiredString(values, 'name'),
      kind: contractValue(values, 'type', CertificateKind.options),
      keyType: contractValue(values, 'key', EnrollmentKeyType.options, 'EC'),
      validFrom: validFromOf(values),
      makeDefault: values.default === true,
    }
    const wait = values['no-wait'] !== true
    const onCertificateProgress =
      values.json === true ? undefined : certificateProgressPrinter((text) => io.stderr(text))
    return withDataFolder(
      values,
      io,
      async ({ call, company }) => {
        const target = await company(choice)
        const result = await call('certificates:enroll', { companyId: target.id, draft, wait })
        return enrollmentOutput(target, choice, result)
      },
      onCertificateProgress ? { onCertificateProgress } : {},
    )
  },
}

const validFrom = z.iso.datetime({ offset: true })

function validFromOf(values: OptionValues): string | null {
  const given = optionalString(values, 'valid-from')
  if (given === undefined) return null
  if (!validFrom.safeParse(given).success) {
    throw usageError(
      `--valid-from must be an ISO 8601 date and time with a time zone, e.g. 2027-01-01T00:00:00Z, not "${given}".`,
    )
  }
  return given
}

const status: CliCommand = {
  path: ['certificates', 'status'],
  summary: "an enrollment's status in KSeF (Sprawdź status)",
  usage: `${companyUsage} --reference REF ${dataFolderUsage}`,
  help:
    "--reference: the enrollment's reference number, as certificates enroll --no-wait printed it (or\n" +
    'certificates list shows it). KSeF answers 100 while it works, 200 with the serial number when the\n' +
    'certificate is issued (then certificates retrieve), or a refusal that is explained. Needs the\n' +
    "company's session. --json prints the EnrollmentSummary.\n\n" +
    `${companyHelp}\n\n${dataFolderHelp}`,
  options: { ...companyOptions, reference: { type: 'string' }, ...dataFolderOptions },
  positionals: { min: 0, max: 0 },
  run({ values }, io) {
    const choice = companyChoice(values)
    const reference = requiredString(values, 'reference')
    return withDataFolder(values, io, async ({ call, company }) => {
      const target = await company(choice)
      const enrollment = await storedEnrollment(call, target, reference)
      const summary = await call('certificates:enrollmentStatus', {
        companyId: target.id,
        enrollmentId: enrollment.id,
      })
      return {
        text: [enrollmentText(summary), ...nextStep(summary, choice)].join('\n'),
        json: summary,
      }
    })
  },
}

const retrieve: CliCommand = {
  path: ['certificates', 'retrieve'],
  summary: 'retrieve an issued certificate, stored with its key (Pobierz certyfikat)',
  usage: `${companyUsage} --reference REF ${dataFolderUsage}`,
  help:
    "--reference: the enrollment's reference number. KSeF must have issued the certificate (status\n" +
    "200); it is paired with the key sealed for the enrollment, checked (the key fits, the company's\n" +
    "environment, the type by key usage) and stored. Needs the company's session. --json prints the\n" +
    'EnrollmentResult.\n\n' +
    `${companyHelp}\n\n${dataFolderHelp}`,
  options: { ...companyOptions, reference: { type: 'string' }, ...dataFolderOptions },
  positionals: { min: 0, max: 0 },
  run({ values }, io) {
    const choice = companyChoice(values)
    const reference = requiredString(values, 'reference')
    return withDataFolder(values, io, async ({ call, company }) => {
      const target = await company(choice)
      const enrollment = await storedEnrollment(call, target, reference)
      const result = await call('certificates:retrieve', {
        companyId: target.id,
        enrollmentId: enrollment.id,
      })
      return enrollmentOutput(target, choice, result)
    })
  },
}

async function storedEnrollment(
  call: DataFolderApp['call'],
  company: Company,
  reference: string,
): Promise<EnrollmentSummary> {
  const listing = await call('certificates:listing', { companyId: company.id })
  return enrollmentByReference(listing, company, reference)
}

function enrollmentOutput(
  company: Company,
  choice: CompanyChoice,
  result: EnrollmentResult,
): CliOutput {
  const { certificate, enrollment } = result
  if (certificate) {
    const made = certificate.isDefault ? ` It is the default ${certificate.kind} certificate.` : ''
    return {
      text:
        `Certificate ${certificate.serialNumber} issued by KSeF and stored for ${describeCompany(company)}.${made}\n` +
        certificateText(certificate),
      json: result,
    }
  }
  return {
    text: [
      `Enrollment "${enrollment.name}" for ${describeCompany(company)}:`,
      enrollmentText(enrollment),
      ...nextStep(enrollment, choice),
    ].join('\n'),
    json: result,
  }
}

function enrollmentText(enrollment: EnrollmentSummary): string {
  return [
    lines([
      ['Reference number', enrollment.referenceNumber ?? 'not sent'],
      ['Name', enrollment.name],
      ['Type', enrollment.kind],
      ['Key', enrollment.keyType === 'EC' ? 'EC P-256' : 'RSA 2048'],
      ['KSeF status', enrollmentStatusText(enrollment)],
      ['Serial number', enrollment.serialNumber ?? 'not issued yet'],
      ['Retrieved', enrollment.certificateId ? 'yes' : 'no'],
    ]),
    ...enrollmentStatusLines(enrollment),
  ].join('\n')
}

/** The command that carries an enrollment on, when there is one. */
function nextStep(enrollment: EnrollmentSummary, choice: CompanyChoice): string[] {
  const code = enrollment.status?.code ?? 100
  if (enrollment.certificateId || !enrollment.referenceNumber || code > 200) return []
  const env = choice.environment ? ` --env ${environmentOptionName(choice.environment)}` : ''
  const command = code === 200 ? 'retrieve' : 'status'
  return [
    `Next: ksef-desk certificates ${command} --company ${choice.identifier}${env} --reference ${enrollment.referenceNumber}`,
  ]
}

export const enrollmentCommands: CliCommand[] = [enroll, status, retrieve]
