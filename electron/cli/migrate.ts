// `migrate requests`, `migrate signed`: Przejście na certyfikaty from a terminal. The requests of
// the token-only companies go into one folder, named by NIP; the user signs them (XAdES) in their
// own tool; the signed files are read back from a folder, each matched to its company and run to
// a certificate of its own.
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import type {
  MigrationCompanyResult,
  MigrationOutcome,
  MigrationRejectedFile,
  MigrationStep,
} from '../../shared/domain/migration'
import { nipsOfText, selectCompanies } from '../../shared/domain/identities'
import { Environment } from '../../shared/domain/environment'
import { AppError } from '../../shared/ipc/errors'
import { FolderFileSaver } from '../files/folder-file-saver'
import type { CliCommand } from './command'
import { dataFolderHelp, dataFolderOptions, dataFolderUsage, withDataFolder } from './data-folder'
import { errorText } from './error-text'
import type { CliIo } from './io'
import { requiredString, usageError } from './options'

const stepNames: Record<MigrationStep, string> = {
  login: 'the login with the signed request',
  enroll: 'the certificate enrollment',
  retrieve: 'the retrieval of the certificate',
  default: 'making it the default',
  revokeToken: 'the revocation of the token',
}

const requests: CliCommand = {
  path: ['migrate', 'requests'],
  summary: 'write an unsigned request for each company that logs in only with a KSeF token',
  usage: `--companies all|NIP,NIP,... --out DIR ${dataFolderUsage}`,
  help:
    'Przejście na certyfikaty, step 1: KSeF tokens may be used until 31 December 2026. For each\n' +
    'company that logs in only with a KSeF token (no certificate of its own, no identity), a fresh\n' +
    'challenge in an unsigned AuthTokenRequest, written to DIR as NIP.xml (created when missing;\n' +
    'nothing is written when a file of that name is there). --companies all: every such company;\n' +
    'or NIPs separated by commas (each must log in only with a token). Sign every file (XAdES,\n' +
    'enveloped) within 10 minutes — the first challenge to end is printed — then:\n' +
    '  ksef-desk migrate signed --in DIR [--revoke-tokens]\n' +
    '\n' +
    dataFolderHelp,
  options: { companies: { type: 'string' }, out: { type: 'string' }, ...dataFolderOptions },
  positionals: { min: 0, max: 0 },
  run({ values }, io) {
    const selection = requiredString(values, 'companies')
    const out = requiredString(values, 'out')
    const nips = selection === 'all' ? undefined : nipsOfText(selection)
    if (nips?.length === 0) throw usageError('--companies takes all, or NIPs separated by commas.')
    return withDataFolder(
      values,
      io,
      async ({ call }) => {
        const companyIds = nips
          ? namedCompanies(await call('companies:list', undefined), nips)
          : (await call('migration:candidates', {})).companies.map((c) => c.companyId)
        const written = await call('migration:requests', { companyIds })
        return {
          text: [
            `${written.requests.length} ${written.requests.length === 1 ? 'request' : 'requests'} written to ${io.resolvePath(out)}:`,
            ...written.requests.map((r) => `  ${r.fileName}  ${r.name}`),
            `Sign them (XAdES, enveloped) and load them before ${written.expiresAt}:`,
            `  ksef-desk migrate signed --in ${out} [--revoke-tokens]`,
          ].join('\n'),
          json: written,
        }
      },
      { fileSaver: new FolderFileSaver(io.resolvePath(out)) },
    )
  },
}

const signed: CliCommand = {
  path: ['migrate', 'signed'],
  summary: 'log each company in with its signed request and move it to a KSeF certificate',
  usage: `--in DIR [--revoke-tokens] ${dataFolderUsage}`,
  help:
    'Przejście na certyfikaty, step 2: every .xml file in DIR is matched to its company by the\n' +
    'challenge and the context of its request; unsigned files, files of no company, second files of\n' +
    'a company and files whose challenge ran out are listed and not sent. For each matched company:\n' +
    'the login with the signed request, an Authentication certificate enrolled in that session and\n' +
    'retrieved (its key made and sealed here), the certificate made the default and, with\n' +
    "--revoke-tokens, the company's token revoked in KSeF. A step that fails is named with KSeF's\n" +
    'code; the steps before it stay done. --json prints every company with its steps. Exit status\n' +
    '1 when a company failed or a file was not sent.\n' +
    '\n' +
    dataFolderHelp,
  options: { in: { type: 'string' }, 'revoke-tokens': { type: 'boolean' }, ...dataFolderOptions },
  positionals: { min: 0, max: 0 },
  run({ values }, io) {
    const folder = requiredString(values, 'in')
    const files = signedFiles(io, folder)
    return withDataFolder(values, io, async ({ call }) => {
      const outcome = await call('migration:signed', {
        files,
        revokeTokens: values['revoke-tokens'] === true,
      })
      const failed = outcome.rejected.length > 0 || outcome.results.some((r) => r.failure)
      return { text: report(outcome), json: outcome, failed }
    })
  },
}

/** The companies the NIPs name, in any environment; a NIP of no company is refused. */
function namedCompanies(
  companies: Parameters<typeof selectCompanies>[1],
  nips: readonly string[],
): string[] {
  const chosen = selectCompanies({ nips: [...nips] }, companies, Environment.options)
  const [unknown] = chosen.unknownNips
  if (unknown !== undefined) {
    throw new AppError(
      'COMPANY_NOT_FOUND',
      `No company with the identifier ${unknown} in this data folder. "ksef-desk companies list" shows them.`,
      { identifier: unknown },
    )
  }
  return chosen.companies.map((company) => company.id)
}

function signedFiles(io: CliIo, folder: string): { name: string; base64: string }[] {
  let names: string[]
  try {
    names = readdirSync(io.resolvePath(folder)).filter((name) =>
      name.toLowerCase().endsWith('.xml'),
    )
  } catch {
    throw new AppError('FILE_UNREADABLE', `Cannot read the folder ${folder}.`, { path: folder })
  }
  return names.sort().map((name) => ({
    name,
    base64: io.readFile(join(folder, name)).toString('base64'),
  }))
}

function report(outcome: MigrationOutcome): string {
  const moved = outcome.results.filter((r) => r.failure === null).length
  const lines = [
    `${moved} of ${outcome.results.length} ${outcome.results.length === 1 ? 'company' : 'companies'} moved to a KSeF certificate.`,
    ...outcome.results.flatMap(companyLines),
  ]
  if (outcome.rejected.length > 0) {
    lines.push('Files not sent:', ...outcome.rejected.flatMap(rejectedLines))
  }
  const expired = outcome.rejected.flatMap((file) =>
    file.expired && file.company ? [file.company.identifier.value] : [],
  )
  if (expired.length > 0) {
    lines.push(
      'New requests for the companies whose challenge ran out (into another folder):',
      `  ksef-desk migrate requests --companies ${expired.join(',')} --out DIR`,
    )
  }
  return lines.join('\n')
}

function companyLines(result: MigrationCompanyResult): string[] {
  const head = `  ${result.identifier.value}  ${result.name}`
  if (result.failure) {
    return [
      `${head}: failed at ${stepNames[result.failure.step]}${doneBefore(result)}`,
      ...indented(errorText(result.failure.error)),
    ]
  }
  const certificate = result.certificate
  const token = result.steps.revokeToken === 'ok' ? '; token revoked in KSeF' : '; token kept'
  return [
    `${head}: certificate "${certificate?.name ?? ''}" (${certificate?.serialNumber ?? ''}), the default${token}`,
  ]
}

/** What stays done of a company that failed: the steps before the failed one. */
function doneBefore(result: MigrationCompanyResult): string {
  const done = (Object.keys(stepNames) as MigrationStep[]).filter(
    (step) => result.steps[step] === 'ok',
  )
  return done.length === 0 ? '' : ` (done: ${done.map((step) => stepNames[step]).join(', ')})`
}

function rejectedLines(file: MigrationRejectedFile): string[] {
  const company = file.company ? ` (${file.company.name})` : ''
  return [`  ${file.fileName}${company}`, ...indented(errorText(file.error))]
}

const indented = (text: string): string[] =>
  text
    .trimEnd()
    .split('\n')
    .map((line) => `    ${line}`)

export const migrateCommands: readonly CliCommand[] = [requests, signed]
