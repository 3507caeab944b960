// The credentials a company logs in with, stored in the data folder as the Certyfikaty and Tokeny
// tabs store them: `certificates import|test|list`, `tokens add|list`. Files are read here and
// travel to the handlers as the window sends them ({ name, base64 }); keys, passwords and tokens
// are sealed by the handlers and never printed.
import { basename } from 'node:path'
import type {
  CertificateSummary,
  FilePayload,
  TokenCheck,
  TokenSummary,
} from '../../shared/domain/credentials'
import type { CliCommand } from './command'
import { listingText } from './certificate-listing'
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
} from './data-folder'
import type { CliIo } from './io'
import {
  optionalSecret,
  optionalString,
  optionValueName,
  requiredSecret,
  secretOptions,
  usageError,
} from './options'
import { lines } from './summaries'

function filePayload(path: string, io: CliIo): FilePayload {
  return { name: basename(path), base64: io.readFile(path).toString('base64') }
}

const certificatesImport: CliCommand = {
  path: ['certificates', 'import'],
  summary: 'store a certificate and its private key for a company (Wczytaj z pliku)',
  usage:
    `${companyUsage} (--cert FILE --key FILE | --p12 FILE) [--password P | --password-file F]\n` +
    `    [--default] [--allow-other-subject] ${dataFolderUsage}`,
  help:
    '--cert: the certificate (.crt/.cer/.pem, PEM or DER) with --key, its private key (.key: PKCS#8,\n' +
    'encrypted or plain, PKCS#1, SEC1); or --p12: a .p12/.pfx file. --password (or --password-file,\n' +
    'first line) opens the encrypted key or the .p12. Before anything is stored the key must match\n' +
    "the certificate, the certificate must be valid now, issued for the company's environment\n" +
    "(self-signed: Test only) and name the company's NIP — unless --allow-other-subject confirms that\n" +
    'the person it names has permissions in this company. The certificate is stored with its facts;\n' +
    'the private key only sealed. --default makes it the one "login --method certificate" uses (the\n' +
    'first certificate of its type is the default anyway).\n\n' +
    `${companyHelp}\n\n${dataFolderHelp}`,
  options: {
    ...companyOptions,
    cert: { type: 'string' },
    key: { type: 'string' },
    p12: { type: 'string' },
    ...secretOptions('password'),
    default: { type: 'boolean' },
    'allow-other-subject': { type: 'boolean' },
    ...dataFolderOptions,
  },
  positionals: { min: 0, max: 0 },
  run({ values }, io) {
    const choice = companyChoice(values)
    const cert = optionalString(values, 'cert')
    const key = optionalString(values, 'key')
    const p12 = optionalString(values, 'p12')
    if (p12 !== undefined && (cert !== undefined || key !== undefined))
      throw usageError('Give --p12, or --cert with --key, not both.')
    if (p12 === undefined && (cert === undefined || key === undefined))
      throw usageError('Give --cert with --key, or --p12.')
    const files =
      p12 !== undefined
        ? { pkcs12: filePayload(p12, io) }
        : { certificate: filePayload(cert ?? '', io), privateKey: filePayload(key ?? '', io) }
    const password = optionalSecret(values, 'password', io) ?? ''
    return withDataFolder(values, io, async ({ call, company }) => {
      const chosen = await company(choice)
      const stored = await call('certificates:import', {
        companyId: chosen.id,
        files,
        password,
        allowOtherSubject: values['allow-other-subject'] === true,
        makeDefault: values.default === true,
      })
      return {
        text: `Certificate stored for ${describeCompany(chosen)}\n${certificateText(stored)}`,
        json: stored,
      }
    })
  },
}

const certificatesTest: CliCommand = {
  path: ['certificates', 'test'],
  summary: 'make and store a self-signed test certificate for a Test company',
  usage: `${companyUsage} [--default] ${dataFolderUsage}`,
  help:
    "A company seal certificate for the company's NIP (organizationIdentifier VATPL-<NIP>, EC P-256),\n" +
    'valid for two years; KSeF accepts it only in the Test environment (and so does the simulator),\n' +
    'so a Test company can log in without an MF account. Its key is made here and stored sealed.\n' +
    '--default makes it the certificate "login --method certificate" uses.\n\n' +
    `${companyHelp}\n\n${dataFolderHelp}`,
  options: { ...companyOptions, default: { type: 'boolean' }, ...dataFolderOptions },
  positionals: { min: 0, max: 0 },
  run({ values }, io) {
    const choice = companyChoice(values)
    return withDataFolder(values, io, async ({ call, company }) => {
      const chosen = await company(choice)
      const stored = await call('certificates:createTest', {
        companyId: chosen.id,
        makeDefault: values.default === true,
      })
      return {
        text: `Test certificate made and stored for ${describeCompany(chosen)}\n${certificateText(stored)}`,
        json: stored,
      }
    })
  },
}

const certificatesList: CliCommand = {
  path: ['certificates', 'list'],
  summary: "a company's certificates and enrollments here: KSeF status, where each lives",
  usage: `${companyUsage} ${dataFolderUsage}`,
  help:
    'What this computer holds for the company: certificates with their keys, enrollments not\n' +
    'retrieved yet, and the KSeF status each had when KSeF was last asked (ksef-desk certificates ksef\n' +
    'asks it and adds the certificates that are only in KSeF). --json prints the listing as the\n' +
    'contract has it (CertificateListing).\n\n' +
    `${companyHelp}\n\n${dataFolderHelp}`,
  options: { ...companyOptions, ...dataFolderOptions },
  positionals: { min: 0, max: 0 },
  run({ values }, io) {
    const choice = companyChoice(values)
    return withDataFolder(values, io, async ({ call, company }) => {
      const chosen = await company(choice)
      const listing = await call('certificates:listing', { companyId: chosen.id })
      return { text: listingText(listing, chosen), json: listing }
    })
  },
}

export function certificateText(c: CertificateSummary): string {
  const identifier = c.subjectIdentifier
    ? `${c.subjectIdentifier.type === 'Nip' ? 'NIP' : 'PESEL'} ${c.subjectIdentifier.value}`
    : 'none (logs in by fingerprint)'
  const issuer = {
    ksef: 'KSeF',
    selfSigned: 'self-signed',
    external: 'another CA',
  }[c.issuerKind]
  return lines([
    ['Name', c.name],
    ['Type', c.kind],
    ['Serial number', c.serialNumber],
    ['Subject', c.subject],
    ['Identifier', identifier],
    ['Issuer', `${c.issuer} (${issuer})`],
    ['Valid', `${c.validFrom} – ${c.validTo}`],
    ['Environment', c.environment],
    ['Key', c.keyAlgorithm],
    ['KSeF status', c.ksefStatus ?? 'not checked'],
    ['Default', c.isDefault ? 'yes' : 'no'],
  ])
}

const tokensAdd: CliCommand = {
  path: ['tokens', 'add'],
  summary: 'store a KSeF token for a company (Tokeny → Wklej token)',
  usage: `${companyUsage} (--token T | --token-file F) [--description D] [--default] ${dataFolderUsage}`,
  help:
    'A KSeF 2.0 token as KSeF returned it once ("<reference>|nip-<NIP>|<secret>"), generated for this\n' +
    'company: a token of another context is refused. --token-file reads it from the first line of a\n' +
    'file, keeping it out of the shell history. It is stored sealed and shown masked only.\n' +
    '--default makes it the token "login --method token" uses (the first token is the default anyway).\n' +
    'KSeF accepts tokens only until 31 December 2026: plan for certificates.\n\n' +
    `${companyHelp}\n\n${dataFolderHelp}`,
  options: {
    ...companyOptions,
    ...secretOptions('token'),
    description: { type: 'string' },
    default: { type: 'boolean' },
    ...dataFolderOptions,
  },
  positionals: { min: 0, max: 0 },
  run({ values }, io) {
    const choice = companyChoice(values)
    const token = requiredSecret(values, 'token', io)
    const description = optionalString(values, 'description') ?? ''
    return withDataFolder(values, io, async ({ call, company }) => {
      const chosen = await company(choice)
      const stored = await call('tokens:add', {
        companyId: chosen.id,
        token,
        description,
        makeDefault: values.default === true,
      })
      return {
        text: `Token stored for ${describeCompany(chosen)}\n${tokenText(stored)}`,
        json: stored,
      }
    })
  },
}

const tokensList: CliCommand = {
  path: ['tokens', 'list'],
  summary: 'the KSeF tokens stored for a company, masked',
  usage: `${companyUsage} ${dataFolderUsage}`,
  help: `${companyHelp}\n\n${dataFolderHelp}`,
  options: { ...companyOptions, ...dataFolderOptions },
  positionals: { min: 0, max: 0 },
  run({ values }, io) {
    const choice = companyChoice(values)
    return withDataFolder(values, io, async ({ call, company }) => {
      const chosen = await company(choice)
      const list = await call('tokens:list', { companyId: chosen.id })
      const text =
        list.length === 0
          ? `No tokens stored for ${describeCompany(chosen)}.`
          : list.map(tokenText).join('\n\n')
      return { text, json: list }
    })
  },
}

export function tokenText(t: TokenSummary): string {
  return lines([
    ['Token', t.masked],
    ['Reference number', t.referenceNumber],
    ['Context', `${t.context.type} ${t.context.value}`],
    ...(t.description ? [['Description', t.description] as [string, string]] : []),
    ['Environment', t.environment],
    ['Added', `${t.addedAt} (${t.origin === 'generated' ? 'generated here' : 'pasted'})`],
    ...(t.permissions.length > 0
      ? [['Permissions', t.permissions.map(optionValueName).join(', ')] as [string, string]]
      : []),
    ['KSeF status', t.ksefStatus ?? 'not checked'],
    ...(t.lastCheck ? [['Last check', tokenCheckText(t.lastCheck)] as [string, string]] : []),
    ['Default', t.isDefault ? 'yes' : 'no'],
  ])
}

function tokenCheckText(check: TokenCheck): string {
  if (check.ok) return `${check.checkedAt}: logged in and out`
  const status = check.ksefStatusCode === null ? '' : `, KSeF status ${check.ksefStatusCode}`
  return `${check.checkedAt}: FAILED (${check.errorCode ?? 'unknown'}${status})`
}

export const storedCertificateCommands: CliCommand[] = [
  certificatesImport,
  certificatesTest,
  certificatesList,
]

export const storedTokenCommands: CliCommand[] = [tokensAdd, tokensList]
