// KSeF tokens managed in KSeF from a terminal: generate (the token printed or written once, and
// sealed in the data folder before that), KSeF's list, revoke, and a check that really logs in.
import type { Company } from '../../shared/domain/company'
import type { TokenSummary } from '../../shared/domain/credentials'
import {
  KsefTokenStatus,
  TokenPermission,
  type KsefTokenPage,
  type KsefTokenRow,
  type RevokedToken,
} from '../../shared/domain/ksef-tokens'
import { AppError, AppErrorCode, isAppError } from '../../shared/ipc/errors'
import type { CliCommand } from './command'
import { tokenText } from './company-credentials'
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
import { progressPrinter } from './login-progress'
import {
  contractValues,
  optionalString,
  optionValueName,
  requiredString,
  usageError,
} from './options'
import { lines } from './summaries'

/** The permission names, four a line, for the help. */
const permissionNames = [0, 4]
  .map(
    (start) =>
      `  ${TokenPermission.options
        .slice(start, start + 4)
        .map(optionValueName)
        .join(', ')}`,
  )
  .join(',\n')

const generate: CliCommand = {
  path: ['tokens', 'generate'],
  summary: 'generate a KSeF token in KSeF (Generuj token KSeF), printed once',
  usage:
    `${companyUsage} --permissions P[,P…] --description TEXT [--default]\n` +
    `    [--token-out FILE] ${dataFolderUsage}`,
  help:
    `--permissions: what the token may do, comma-separated, of:\n${permissionNames}\n` +
    '(invoice-read,invoice-write reads and sends invoices). The session must hold them itself.\n' +
    "--description: 5–256 characters, shown in KSeF's list. Needs the company's session.\n" +
    '\n' +
    "KSeF returns the token once. It is sealed in the data folder as the company's token first; once\n" +
    'KSeF has activated it, it is printed once on stdout, alone on its line (what it is goes to\n' +
    'stderr) — or, with --token-out, written to FILE (readable by you only; an existing file is never\n' +
    'replaced) and nothing secret is printed. --default makes it the token "login --method token"\n' +
    'uses. --json prints { stored, token } or, with --token-out, { stored, tokenFile }. KSeF accepts\n' +
    'tokens until 31 December 2026 (see settings set tokens-after-2026).\n\n' +
    `${companyHelp}\n\n${dataFolderHelp}`,
  options: {
    ...companyOptions,
    permissions: { type: 'string' },
    description: { type: 'string' },
    default: { type: 'boolean' },
    'token-out': { type: 'string' },
    ...dataFolderOptions,
  },
  positionals: { min: 0, max: 0 },
  run({ values }, io) {
    const choice = companyChoice(values)
    const permissions = contractValues(values, 'permissions', TokenPermission.options)
    if (permissions.length === 0) throw usageError('--permissions is required.')
    const description = requiredString(values, 'description')
    const tokenOut = optionalString(values, 'token-out')
    // Before KSeF is asked: once generated, a token that has nowhere to go is shown nowhere.
    if (tokenOut !== undefined && io.exists(tokenOut)) {
      throw new AppError(
        'FILE_EXISTS',
        `${tokenOut} exists already; no token was generated (give --token-out a new file).`,
        { path: tokenOut },
      )
    }
    return withDataFolder(values, io, async ({ ctx, call, company }) => {
      const target = await company(choice)
      const generated = await call('tokens:generate', {
        companyId: target.id,
        draft: { permissions, description, makeDefault: values.default === true },
      })
      const { token } = await call('tokens:reveal', { revealTicket: generated.revealTicket })
      // KSeF activates a new token within moments: the token printed is one that logs in.
      await ctx.ksefTokens.idle()
      const stored =
        (await call('tokens:list', { companyId: target.id })).find(
          (each) => each.id === generated.stored.id,
        ) ?? generated.stored
      if (tokenOut === undefined) {
        // On stderr, so that stdout holds the token alone; --json says it all on stdout.
        if (values.json !== true) {
          io.stderr(
            `Token generated in KSeF for ${describeCompany(target)} and stored sealed in the data folder ` +
              `(${stored.masked}, KSeF status ${stored.ksefStatus ?? 'Pending'}). It is printed once, ` +
              'below; KSeF never shows it again.\n',
          )
        }
        return { text: token, json: { stored, token } }
      }
      writeToken(io, tokenOut, token, stored)
      return {
        text: `Token generated in KSeF for ${describeCompany(target)}, written to ${tokenOut} and stored sealed in the data folder.\n${tokenText(stored)}`,
        json: { stored, tokenFile: tokenOut },
      }
    })
  },
}

function writeToken(io: CliIo, path: string, token: string, stored: TokenSummary): void {
  try {
    io.writeFile(path, `${token}\n`, { secret: true, overwrite: false })
  } catch (error) {
    if (!isAppError(error)) throw error
    throw new AppError(
      error.code,
      `${error.message} The token ${stored.referenceNumber} was generated and is stored sealed in the data folder; nothing secret was printed.`,
      { ...error.details, referenceNumber: stored.referenceNumber },
    )
  }
}

const ksefList: CliCommand = {
  path: ['tokens', 'ksef'],
  summary: "the company's tokens as KSeF lists them (Pobierz tokeny)",
  usage:
    `${companyUsage} [--status pending|active|revoking|revoked|failed] [--description TEXT]\n` +
    `    [--author ID] ${dataFolderUsage}`,
  help:
    'GET /tokens, every page: description, permissions, status, author, dates, and whether this data\n' +
    'folder holds the token itself (matched by reference number). --status (comma-separated list\n' +
    'allowed), --description (a part of it) and --author (NIP or PESEL) narrow the list. What a session\n' +
    "may see follows KSeF's rules: without credentials-manage only the tokens its own subject made.\n" +
    "Needs the company's session. --json prints { companyId, rows, visibility }.\n\n" +
    `${companyHelp}\n\n${dataFolderHelp}`,
  options: {
    ...companyOptions,
    status: { type: 'string' },
    description: { type: 'string' },
    author: { type: 'string' },
    ...dataFolderOptions,
  },
  positionals: { min: 0, max: 0 },
  run({ values }, io) {
    const choice = companyChoice(values)
    const filter = {
      status: contractValues(values, 'status', KsefTokenStatus.options),
      description: optionalString(values, 'description') ?? '',
      author: optionalString(values, 'author') ?? '',
    }
    return withDataFolder(values, io, async ({ call, company }) => {
      const target = await company(choice)
      const rows: KsefTokenRow[] = []
      let page: KsefTokenPage | undefined
      do {
        page = await call('tokens:ksefList', {
          companyId: target.id,
          filter,
          continuation: page?.continuation ?? null,
        })
        rows.push(...page.rows)
      } while (page.continuation !== null)
      const visibility = page.visibility
      return {
        text: ksefListText(target, rows, visibility),
        json: { companyId: target.id, rows, visibility },
      }
    })
  },
}

const visibilityNotes: Record<KsefTokenPage['visibility'], string[]> = {
  all: [],
  ownOnly: [
    "KSeF shows only the tokens this session's subject generated: the session holds neither credentials-read nor credentials-manage.",
  ],
  sessionToken: [
    'KSeF shows only the token this session logged in with: the session holds neither credentials-read nor credentials-manage.',
  ],
}

function ksefListText(
  company: Company,
  rows: readonly KsefTokenRow[],
  visibility: KsefTokenPage['visibility'],
): string {
  const note = visibilityNotes[visibility]
  if (rows.length === 0)
    return [`KSeF lists no tokens for ${describeCompany(company)}.`, ...note].join('\n')
  return [...rows.map(ksefRowText), ...note].join('\n\n')
}

function ksefRowText(row: KsefTokenRow): string {
  return lines([
    ['Reference number', row.referenceNumber],
    ['Status', row.status],
    ['Description', row.description],
    ['Permissions', row.permissions.map(optionValueName).join(', ')],
    ['Author', `${row.author.type} ${row.author.value}`],
    ['Created', row.dateCreated],
    ['Last used', row.lastUseDate ?? 'never'],
    ['On this computer', row.stored ? `yes (${row.stored.masked})` : 'no'],
    ...(row.statusDetails.length > 0
      ? [['Status details', row.statusDetails.join('; ')] as [string, string]]
      : []),
  ])
}

const revoke: CliCommand = {
  path: ['tokens', 'revoke'],
  summary: 'revoke a KSeF token in KSeF (Dezaktywuj)',
  usage: `${companyUsage} --reference REF ${dataFolderUsage}`,
  help:
    'DELETE /tokens/{ref}: KSeF stops accepting the token (Revoking, then Revoked). A copy stored here\n' +
    'is marked revoked and never used to log in again; when it was the default, the default passes to\n' +
    "another token of the company, and that is said. Needs the company's session. --json prints the\n" +
    "token's row (RevokedToken).\n\n" +
    `${companyHelp}\n\n${dataFolderHelp}`,
  options: { ...companyOptions, reference: { type: 'string' }, ...dataFolderOptions },
  positionals: { min: 0, max: 0 },
  run({ values }, io) {
    const choice = companyChoice(values)
    const referenceNumber = requiredString(values, 'reference')
    return withDataFolder(values, io, async ({ ctx, call, company }) => {
      const target = await company(choice)
      const revoked = await call('tokens:revoke', { companyId: target.id, referenceNumber })
      // Revoking passes to Revoked within moments; the status said is the one KSeF ends with.
      await ctx.ksefTokens.idle()
      const { status } =
        revoked.status === 'Revoking'
          ? await call('tokens:status', { companyId: target.id, referenceNumber })
          : revoked
      return {
        text: [
          `Token ${referenceNumber} of ${describeCompany(target)} revoked in KSeF: status ${status}.`,
          ...defaultChange(revoked),
        ].join('\n'),
        json: revoked,
      }
    })
  },
}

/** Says where the default went when the revoked token was the default. */
function defaultChange(revoked: RevokedToken): string[] {
  if (!revoked.wasDefault) return []
  const to = revoked.defaultPassedTo
  return to
    ? [`It was the default token; the default is now ${to.referenceNumber} (${to.masked}).`]
    : [
        'It was the default token, and no other usable token of the company can take its place: a token login says it is revoked.',
      ]
}

const check: CliCommand = {
  path: ['tokens', 'check'],
  summary: 'a real login and logout with a stored token (Sprawdź token)',
  usage: `${companyUsage} [--reference REF] ${dataFolderUsage}`,
  help:
    "KSeF's Active status is no proof: a token whose author lost permissions stays Active and no\n" +
    'longer logs in. This logs in with the token and out again, in a session of its own; the\n' +
    "company's session stays as it was. --reference: the stored token's reference number (default: the\n" +
    'default token). The result is kept on the token (tokens list). A token that does not log in\n' +
    'exits 1 with the reason. Progress goes to stderr (not with --json). --json prints the result.\n\n' +
    `${companyHelp}\n\n${dataFolderHelp}`,
  options: { ...companyOptions, reference: { type: 'string' }, ...dataFolderOptions },
  positionals: { min: 0, max: 0 },
  run({ values }, io) {
    const choice = companyChoice(values)
    const reference = optionalString(values, 'reference')
    const onProgress =
      values.json === true ? undefined : progressPrinter((text) => io.stderr(text), 'check')
    return withDataFolder(
      values,
      io,
      async ({ call, company }) => {
        const target = await company(choice)
        const token = storedToken(
          await call('tokens:list', { companyId: target.id }),
          target,
          reference,
        )
        const result = await call('tokens:check', { companyId: target.id, tokenId: token.id })
        if (!result.ok) {
          const code = AppErrorCode.safeParse(result.errorCode)
          throw new AppError(
            code.success ? code.data : 'KSEF_AUTH_FAILED',
            `Token ${token.referenceNumber} does not log in: ${result.message ?? 'KSeF refused it.'}`,
            result.ksefStatusCode === null
              ? { referenceNumber: token.referenceNumber }
              : {
                  referenceNumber: token.referenceNumber,
                  ksefCodeKind: 'authStatus',
                  ksefCode: result.ksefStatusCode,
                },
          )
        }
        return {
          text: `Token ${token.referenceNumber} (${token.masked}) of ${describeCompany(target)} logs in: KSeF opened a session with it and it was closed again (${result.checkedAt}).`,
          json: result,
        }
      },
      onProgress ? { onProgress } : {},
    )
  },
}

function storedToken(
  tokens: readonly TokenSummary[],
  company: Company,
  reference: string | undefined,
): TokenSummary {
  const found =
    reference === undefined
      ? tokens.find((t) => t.isDefault)
      : tokens.find((t) => t.referenceNumber === reference)
  if (found) return found
  throw new AppError(
    'TOKEN_NOT_FOUND',
    reference === undefined
      ? `No token is stored for ${describeCompany(company)} in this data folder: "ksef-desk tokens generate" or "tokens add" stores one.`
      : `No token with the reference number ${reference} is stored for ${describeCompany(company)} in this data folder. "ksef-desk tokens list" shows them.`,
    reference === undefined ? {} : { referenceNumber: reference },
  )
}

export const ksefTokenCommands: CliCommand[] = [generate, ksefList, revoke, check]
