// `companies add` / `companies list`: the company list of the data folder (the left panel of the
// window), through the app's handlers.
import type { Company } from '../../shared/domain/company'
import type { CliCommand } from './command'
import { describeCompany } from './company-choice'
import { dataFolderHelp, dataFolderOptions, dataFolderUsage, withDataFolder } from './data-folder'
import {
  environmentOf,
  environmentOptionName,
  optionalString,
  requiredString,
  usageError,
} from './options'

const companiesAdd: CliCommand = {
  path: ['companies', 'add'],
  summary: 'add a company (a KSeF context) to the data folder',
  usage: `(--nip N | --internal-id ID) --name NAME --env test|demo|prod ${dataFolderUsage}`,
  help:
    '--nip: the 10-digit NIP (dashes and spaces allowed, the check digit is verified); --internal-id:\n' +
    'an internal identifier NIP-12345 (the NIP, a dash, 5 digits). --env: the KSeF environment the\n' +
    'company logs in to (Test, Demo or Production); credentials stored for it work there only. The\n' +
    'same identifier may be added once per environment.\n\n' +
    dataFolderHelp,
  options: {
    nip: { type: 'string' },
    'internal-id': { type: 'string' },
    name: { type: 'string' },
    env: { type: 'string' },
    ...dataFolderOptions,
  },
  positionals: { min: 0, max: 0 },
  run({ values }, io) {
    const nip = optionalString(values, 'nip')
    const internalId = optionalString(values, 'internal-id')
    if ((nip === undefined) === (internalId === undefined))
      throw usageError('Give --nip or --internal-id (one of them).')
    const identifier =
      nip !== undefined
        ? { type: 'Nip' as const, value: nip }
        : { type: 'InternalId' as const, value: internalId ?? '' }
    const name = requiredString(values, 'name')
    const environment = environmentOf(values)
    return withDataFolder(values, io, async ({ call }) => {
      const company = await call('companies:add', { name, identifier, environment })
      return { text: `Added ${describeCompany(company)}.`, json: company }
    })
  },
}

const companiesList: CliCommand = {
  path: ['companies', 'list'],
  summary: 'the companies of the data folder',
  usage: dataFolderUsage,
  help: `--json prints the companies with their ids.\n\n${dataFolderHelp}`,
  options: dataFolderOptions,
  positionals: { min: 0, max: 0 },
  run({ values }, io) {
    return withDataFolder(values, io, async ({ call, folder }) => {
      const companies = await call('companies:list', undefined)
      return { text: companiesText(companies, folder), json: companies }
    })
  },
}

function companiesText(companies: readonly Company[], folder: string): string {
  if (companies.length === 0)
    return `No companies in ${folder} yet: ksef-desk companies add --nip N --name NAME --env test|demo|prod`
  const rows = companies.map((c) => [
    c.identifier.type === 'Nip' ? 'NIP' : 'InternalId',
    c.identifier.value,
    environmentOptionName(c.environment),
    c.name,
  ])
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i]?.length ?? 0)))
  return rows
    .map((row) =>
      row.map((cell, i) => (i < widths.length ? cell.padEnd(widths[i] ?? 0) : cell)).join('  '),
    )
    .join('\n')
}

export const companyCommands: CliCommand[] = [companiesAdd, companiesList]
