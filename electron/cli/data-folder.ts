// Commands over a data folder run the desktop app's own services and handlers
// (electron/node-services), through the same dispatch as the window: the terminal gets exactly
// the app's input and output validation and its error codes. The folder is --data-dir or
// KSEF_DESK_DATA_DIR, its secrets are sealed with KSEF_DESK_PASSPHRASE, and --api-url or
// KSEF_DESK_API_URL sends the calls of every environment elsewhere (the simulator).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { AuthProgress } from '../../shared/domain/auth'
import type { Company } from '../../shared/domain/company'
import type { Environment } from '../../shared/domain/environment'
import type { CertificateProgress } from '../../shared/domain/ksef-certificates'
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/ipc/contract'
import { AppError, type AppErrorCode } from '../../shared/ipc/errors'
import { createDispatch } from '../dispatch'
import { checkedEventSink } from '../events'
import type { FileSaver } from '../files/file-saver'
import { handlers } from '../handlers'
import type { HandlerContext } from '../handlers/context'
import { openNodeServices } from '../node-services'
import { keychainSealedFormat } from '../vault/keychain-sealer'
import { secretsFileName, unopenedSecretsCodes } from '../vault/sealed-file-secret-store'
import type { OptionSpec, OptionValues } from './command'
import { chooseCompany } from './company-choice'
import type { CliIo } from './io'
import { environmentOf, optionalString, requiredString, usageError } from './options'

export const dataFolderOptions = {
  'data-dir': { type: 'string' },
  'api-url': { type: 'string' },
} as const satisfies OptionSpec

export const companyOptions = {
  company: { type: 'string' },
  env: { type: 'string' },
} as const satisfies OptionSpec

export const dataFolderUsage = '[--data-dir DIR] [--api-url URL]'

export const companyUsage = '--company N [--env test|demo|prod]'

/** The end of the help of every command over the data folder. */
export const dataFolderHelp =
  'Data folder: --data-dir DIR, or the KSEF_DESK_DATA_DIR environment variable; the CLI keeps its\n' +
  'companies, certificates, tokens and sessions there (use a folder of its own, not the desktop\n' +
  "app's). KSEF_DESK_PASSPHRASE (required) seals the secrets in it: keys, tokens, refresh tokens.\n" +
  '--api-url URL or KSEF_DESK_API_URL: reach KSeF of every environment at URL instead of the\n' +
  "environment's host (e.g. the simulator: npm run sim)."

export const companyHelp =
  '--company names the company by its NIP or InternalId; when that identifier is on the list in\n' +
  'more than one environment, --env test|demo|prod chooses.'

export interface DataFolderApp {
  ctx: HandlerContext
  folder: string
  /** One channel of the contract, as the window calls it; a refusal is thrown as its AppError. */
  call: <C extends Channel>(channel: C, input: ChannelInput<C>) => Promise<ChannelOutput<C>>
  /** The company --company (and --env) name. */
  company: (choice: CompanyChoice) => Promise<Company>
}

export interface CompanyChoice {
  identifier: string
  environment: Environment | undefined
}

/** --company and --env, read before the data folder opens so that a usage error comes first. */
export function companyChoice(values: OptionValues): CompanyChoice {
  return {
    identifier: requiredString(values, 'company'),
    environment: optionalString(values, 'env') === undefined ? undefined : environmentOf(values),
  }
}

export interface DataFolderOptions {
  /** Told of each step while KSeF works on a login. */
  onProgress?: (progress: AuthProgress) => void
  /** Told of each step while KSeF works on an enrollment. */
  onCertificateProgress?: (progress: CertificateProgress) => void
  /** Where the files a handler saves (an export) go: the folder of --out DIR. */
  fileSaver?: FileSaver
}

/**
 * Opens the data folder, runs the work, and waits for whatever the work left running (a session
 * refreshed, a token's status followed in the background) before the process may end.
 */
export async function withDataFolder<T>(
  values: OptionValues,
  io: CliIo,
  work: (app: DataFolderApp) => Promise<T>,
  options: DataFolderOptions = {},
): Promise<T> {
  const folder = dataFolderOf(values, io)
  const passphrase = passphraseOf(io)
  const ksefApiUrl = apiUrlOf(values, io)
  assertPassphraseSealed(folder)
  const { ctx, close } = await openNodeServices({
    dataFolder: folder,
    passphrase,
    clock: io.clock,
    ...(io.keyDerivation ? { keyDerivation: io.keyDerivation } : {}),
    ...(ksefApiUrl ? { ksefApiUrl } : {}),
    ...(options.fileSaver ? { fileSaver: options.fileSaver } : {}),
    events: checkedEventSink((event, payload) => {
      // checkedEventSink has parsed the payload against the contract's schema of the event.
      if (event === 'auth:progress') options.onProgress?.(payload as AuthProgress)
      if (event === 'certificates:progress')
        options.onCertificateProgress?.(payload as CertificateProgress)
    }),
  })
  try {
    for (const notice of ctx.notices.list()) {
      // A file that does not open would fail at the first write, or show a folder that looks
      // empty: stop before anything is done, and say how to choose (nothing is moved unasked).
      if (unopenedCodes.includes(notice.error.code)) {
        throw new AppError(
          notice.error.code,
          `${notice.error.message} To set it aside (renamed, kept) and start afresh: ksef-desk data-folder set-aside --data-dir ${folder}`,
          notice.error.details,
        )
      }
      io.stderr(`warning ${notice.error.code}: ${notice.error.message}\n`)
    }
    const dispatch = createDispatch(handlers, ctx)
    const call = async <C extends Channel>(
      channel: C,
      input: ChannelInput<C>,
    ): Promise<ChannelOutput<C>> => {
      const envelope = await dispatch(channel, input)
      if (!envelope.ok) throw AppError.fromPayload(envelope.error)
      return envelope.value as ChannelOutput<C>
    }
    const company = async ({ identifier, environment }: CompanyChoice) =>
      chooseCompany(await call('companies:list', undefined), identifier, environment)
    return await work({ ctx, folder, call, company })
  } finally {
    // A token followed from Pending to Active (or Revoking to Revoked) is recorded in the data
    // folder: the folder is given back only when that has ended.
    await ctx.ksefTokens.idle()
    await close()
  }
}

/** The codes of a data file that did not open: the CLI stops on them. */
const unopenedCodes: readonly AppErrorCode[] = [...unopenedSecretsCodes, 'SETTINGS_CORRUPT']

export function passphraseOf(io: CliIo): string {
  const passphrase = io.env['KSEF_DESK_PASSPHRASE']
  if (passphrase === undefined || passphrase === '') {
    throw new AppError(
      'CLI_PASSPHRASE_MISSING',
      'Set KSEF_DESK_PASSPHRASE: the passphrase that seals the secrets of the data folder (choose one for a new folder).',
    )
  }
  return passphrase
}

export function dataFolderOf(values: OptionValues, io: CliIo): string {
  const folder = optionalString(values, 'data-dir') ?? io.env['KSEF_DESK_DATA_DIR']
  if (folder === undefined || folder.trim() === '') {
    throw new AppError(
      'CLI_DATA_DIR_MISSING',
      'Give the data folder: --data-dir DIR, or set KSEF_DESK_DATA_DIR.',
    )
  }
  return io.resolvePath(folder)
}

function apiUrlOf(values: OptionValues, io: CliIo): string | undefined {
  const given = optionalString(values, 'api-url') ?? io.env['KSEF_DESK_API_URL']
  if (given === undefined || given.trim() === '') return undefined
  let url: URL
  try {
    url = new URL(given.trim())
  } catch {
    throw usageError(`The KSeF API URL "${given}" is not a URL (e.g. http://127.0.0.1:8080/v2).`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw usageError(`The KSeF API URL must be http:// or https://, not "${given}".`)
  }
  return given.trim()
}

/**
 * The desktop app seals its secrets file with the system keychain. Opened with a passphrase that
 * file would not open, and setting it aside would lose the app's keys and tokens: refuse a
 * secrets file the keychain sealed (the keychain envelope, or Chromium's own "v10"/"v11" bytes
 * an earlier version wrote). Anything else not sealed the CLI's way is the store's to report
 * (SECRETS_CORRUPT), and `data-folder set-aside` can then move it.
 */
export function assertPassphraseSealed(folder: string): void {
  let bytes: Buffer
  try {
    bytes = readFileSync(join(folder, secretsFileName))
  } catch {
    // No secrets yet (the first one creates the file), or unreadable: the store reports that.
    return
  }
  let format: unknown
  try {
    format = (JSON.parse(bytes.toString('utf8')) as { format?: unknown } | null)?.format
  } catch {
    format = undefined
  }
  const sealedByKeychain =
    format === keychainSealedFormat || /^v1\d/.test(bytes.subarray(0, 3).toString('latin1'))
  if (sealedByKeychain) {
    throw new AppError(
      'CLI_DATA_FOLDER_FOREIGN',
      `${join(folder, secretsFileName)} is sealed by the system keychain: this is the desktop app's data folder. Nothing was changed. Give the CLI a data folder of its own.`,
      { folder },
    )
  }
}
