// `identities add|list|remove|assign|unassign`: Tożsamości of the data folder — a certificate
// stored once (its key sealed) and assigned to the companies it logs in.
import { basename } from 'node:path'
import type { FilePayload } from '../../shared/domain/credentials'
import {
  identityIdentifier,
  nipsOfText,
  selectCompanies,
  type CompanySelection,
  type IdentityRow,
} from '../../shared/domain/identities'
import { AppError } from '../../shared/ipc/errors'
import { assertWorksIn } from '../identities/identity-service'
import type { CliCommand } from './command'
import {
  dataFolderHelp,
  dataFolderOptions,
  dataFolderUsage,
  withDataFolder,
  type DataFolderApp,
} from './data-folder'
import type { CliIo } from './io'
import {
  environmentOptionName,
  optionalSecret,
  optionalString,
  requiredString,
  secretOptions,
  usageError,
} from './options'

const filePayload = (path: string, io: CliIo): FilePayload => ({
  name: basename(path),
  base64: io.readFile(path).toString('base64'),
})

const loginRule =
  'A company logs in ("login --method certificate") with its own default Authentication\n' +
  'certificate; a company without one (or whose default KSeF reports revoked, blocked or expired)\n' +
  'logs in with its assigned identity, in its own context: KSeF lets the identity in where the\n' +
  'company granted it permissions and answers 415 where it did not.'

const identitiesAdd: CliCommand = {
  path: ['identities', 'add'],
  summary: 'store a certificate once as an identity (Importuj tożsamość)',
  usage: `(--cert FILE --key FILE | --p12 FILE) [--password P | --password-file F] ${dataFolderUsage}`,
  help:
    "An accountant's or the office's own KSeF certificate, to be assigned to the client companies\n" +
    'that granted it permissions in KSeF. --cert with --key, or --p12, as for "certificates import".\n' +
    'Before anything is stored the key must match the certificate, the certificate must be valid now\n' +
    'and of type Authentication. The private key is stored only sealed.\n\n' +
    `${loginRule}\n\n${dataFolderHelp}`,
  options: {
    cert: { type: 'string' },
    key: { type: 'string' },
    p12: { type: 'string' },
    ...secretOptions('password'),
    ...dataFolderOptions,
  },
  positionals: { min: 0, max: 0 },
  run({ values }, io) {
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
    return withDataFolder(values, io, async ({ call }) => {
      const stored = await call('identities:import', { files, password })
      return { text: `Identity stored.\n${identityText(stored)}`, json: stored }
    })
  },
}

const identitiesList: CliCommand = {
  path: ['identities', 'list'],
  summary: 'the identities of the data folder and how many companies each logs in',
  usage: dataFolderUsage,
  help: `--json prints the identities with the ids of their companies.\n\n${dataFolderHelp}`,
  options: dataFolderOptions,
  positionals: { min: 0, max: 0 },
  run({ values }, io) {
    return withDataFolder(values, io, async ({ call, folder }) => {
      const rows = await call('identities:list', undefined)
      const text =
        rows.length === 0
          ? `No identities in ${folder} yet: ksef-desk identities add --cert FILE --key FILE`
          : rows.map(identityText).join('\n\n')
      return { text, json: rows }
    })
  },
}

const identitiesRemove: CliCommand = {
  path: ['identities', 'remove'],
  summary: 'forget an identity (its sealed key too); --force when companies log in with it',
  usage: `--identity ID [--force] ${dataFolderUsage}`,
  help:
    'An identity that companies log in with is kept unless --force: the refusal says how many.\n' +
    'After the removal those companies have no identity (and log in with their own default\n' +
    `certificate, if they have one).\n\n${dataFolderHelp}`,
  options: { identity: { type: 'string' }, force: { type: 'boolean' }, ...dataFolderOptions },
  positionals: { min: 0, max: 0 },
  run({ values }, io) {
    const id = requiredString(values, 'identity')
    return withDataFolder(values, io, async (app) => {
      const identity = await identityOf(app, id)
      const removed = await app.call('identities:remove', {
        identityId: identity.id,
        force: values.force === true,
      })
      const left =
        removed.companyIds.length === 0
          ? ''
          : ` ${companiesCount(removed.companyIds.length)} no longer ${removed.companyIds.length === 1 ? 'has' : 'have'} it.`
      return { text: `Identity ${identity.name} removed.${left}`, json: removed }
    })
  },
}

const selectionHelp =
  '--companies all: every company of the environments the identity works in; or NIPs separated by\n' +
  'commas (dashes allowed). A NIP that names no company, or only companies of an environment the\n' +
  'identity does not work in, refuses the whole command.'

const identitiesAssign: CliCommand = {
  path: ['identities', 'assign'],
  summary: 'make an identity the one that logs the companies in',
  usage: `--identity ID --companies all|NIP,NIP,... ${dataFolderUsage}`,
  help:
    `${selectionHelp} A company that had another identity has this one instead.\n\n` +
    `${loginRule}\n\n${dataFolderHelp}`,
  options: { identity: { type: 'string' }, companies: { type: 'string' }, ...dataFolderOptions },
  positionals: { min: 0, max: 0 },
  run({ values }, io) {
    const id = requiredString(values, 'identity')
    const selection = selectionOf(requiredString(values, 'companies'))
    return withDataFolder(values, io, async (app) => {
      const identity = await identityOf(app, id)
      const companyIds = await chosenCompanies(app, identity, selection)
      const row = await app.call('identities:assign', { identityId: identity.id, companyIds })
      return {
        text: `Identity ${row.name} assigned to ${companiesCount(companyIds.length)}; it logs in ${companiesCount(row.companyIds.length)} in all.`,
        json: row,
      }
    })
  },
}

const identitiesUnassign: CliCommand = {
  path: ['identities', 'unassign'],
  summary: 'take an identity from companies',
  usage: `--identity ID --companies all|NIP,NIP,... ${dataFolderUsage}`,
  help: `${selectionHelp}\n\n${dataFolderHelp}`,
  options: { identity: { type: 'string' }, companies: { type: 'string' }, ...dataFolderOptions },
  positionals: { min: 0, max: 0 },
  run({ values }, io) {
    const id = requiredString(values, 'identity')
    const selection = selectionOf(requiredString(values, 'companies'))
    return withDataFolder(values, io, async (app) => {
      const identity = await identityOf(app, id)
      const companyIds = await chosenCompanies(app, identity, selection)
      const row = await app.call('identities:unassign', { identityId: identity.id, companyIds })
      return {
        text: `Identity ${row.name} logs in ${companiesCount(row.companyIds.length)}.`,
        json: row,
      }
    })
  },
}

function selectionOf(text: string): CompanySelection {
  if (text === 'all') return { all: true }
  const nips = nipsOfText(text)
  if (nips.length === 0) throw usageError('--companies takes all, or NIPs separated by commas.')
  return { nips }
}

async function identityOf({ call }: DataFolderApp, id: string): Promise<IdentityRow> {
  const identity = (await call('identities:list', undefined)).find((i) => i.id === id)
  if (!identity)
    throw new AppError('IDENTITY_NOT_FOUND', 'No such identity is stored.', { identityId: id })
  return identity
}

async function chosenCompanies(
  { call }: DataFolderApp,
  identity: IdentityRow,
  selection: CompanySelection,
): Promise<string[]> {
  const companies = await call('companies:list', undefined)
  const chosen = selectCompanies(selection, companies, identity.environments)
  if (chosen.unknownNips.length > 0) {
    throw new AppError(
      'IDENTITY_UNKNOWN_NIP',
      `No company has the NIP ${chosen.unknownNips.join(', ')}.`,
      { nips: chosen.unknownNips.join(', '), count: chosen.unknownNips.length },
    )
  }
  const stranger = chosen.otherEnvironment[0]
  if (stranger) assertWorksIn(identity, stranger)
  if (chosen.companies.length === 0) {
    throw new AppError(
      'IDENTITY_NO_COMPANIES',
      'Choose at least one company to assign the identity to.',
    )
  }
  return chosen.companies.map((c) => c.id)
}

const companiesCount = (count: number): string =>
  `${count} ${count === 1 ? 'company' : 'companies'}`

function identityText(identity: IdentityRow): string {
  const identifier = identityIdentifier(identity)
  return [
    `${identity.id}  ${identity.name}`,
    `  ${identifier.type === 'Fingerprint' ? 'SHA-256' : identifier.type.toUpperCase()} ${identifier.value}`,
    `  works in ${identity.environments.map(environmentOptionName).join(', ')}, valid to ${identity.validTo}`,
    `  logs in ${companiesCount(identity.companyIds.length)}`,
  ].join('\n')
}

export const identityCommands: CliCommand[] = [
  identitiesAdd,
  identitiesList,
  identitiesRemove,
  identitiesAssign,
  identitiesUnassign,
]
