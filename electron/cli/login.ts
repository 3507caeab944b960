// `login`, `sessions`, `logout`: tab Ogólne from a terminal, over the data folder. The access,
// refresh and authentication tokens stay in the data folder (sealed) and this process's memory;
// the output carries the session's validity only.
import { basename } from 'node:path'
import {
  AuthState,
  type ActiveSession,
  type LoginMethod,
  type SessionSummary,
} from '../../shared/domain/auth'
import type { Company } from '../../shared/domain/company'
import type { SessionMethod } from '../../shared/domain/session-method'
import { AppError, isAppError } from '../../shared/ipc/errors'
import type { HandlerContext } from '../handlers/context'
import { authenticationFailure } from '../ksef/auth'
import type { CliCommand, CliOutput } from './command'
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
import { progressPrinter } from './login-progress'
import { environmentOptionName, oneOf, optionalString, usageError } from './options'

const methodNames: Record<LoginMethod, string> = {
  certificate: 'KSeF certificate',
  token: 'KSeF token',
  signedRequest: 'signed authorization request',
}

// The names an accountant knows from KSeF's own panel, in Polish as there.
const sessionMethodNames: Record<SessionMethod, string> = {
  ksefCertificate: 'Certyfikat KSeF',
  selfSignedTestCertificate: 'Certyfikat testowy (samopodpisany)',
  qualifiedCertificate: 'Certyfikat kwalifikowany',
  qualifiedSignature: 'Podpis kwalifikowany',
  qualifiedSeal: 'Pieczęć kwalifikowana',
  xadesSignature: 'Podpis XAdES',
  nationalNode: 'Węzeł krajowy (login.gov.pl)',
  token: 'Token KSeF',
  signedRequest: 'Podpisane żądanie autoryzacyjne',
  other: 'Inna metoda',
}

const login: CliCommand = {
  path: ['login'],
  summary: 'log a company in to KSeF: certificate, token, or a request signed elsewhere',
  usage:
    `${companyUsage} --method token|certificate ${dataFolderUsage}\n` +
    `    ${companyUsage} --request-out FILE.xml [--force] ${dataFolderUsage}\n` +
    `    ${companyUsage} --signed FILE.xml ${dataFolderUsage}`,
  help:
    "--method certificate: the company's default Authentication certificate signs the request here\n" +
    '(certificates import / certificates test store one). --method token: the default KSeF token\n' +
    '(tokens add), encrypted with the MF public key. Either way the command waits for KSeF, redeems\n' +
    'the tokens and keeps the session in the data folder: later commands, in other processes too,\n' +
    'use it and refresh its access token.\n' +
    '\n' +
    'A request signed elsewhere (qualified signature, company seal, Profil Zaufany) takes two steps:\n' +
    '--request-out writes the unsigned AuthTokenRequest for the company with a fresh challenge\n' +
    '(--force replaces an existing file); sign it (XAdES, enveloped) within 10 minutes, then\n' +
    '--signed sends the signed file as it is, after checking it is signed, for this company, and its\n' +
    'challenge is live; the command waits for KSeF and redeems.\n' +
    '\n' +
    'Progress goes to stderr (not with --json). --json prints the AuthState: the session (validity\n' +
    'only, never a token) and the authentication operations; with --request-out, also the XML.\n' +
    'When KSeF refuses, the error names its status code (415, 450, 460 …) and what to do.\n' +
    '\n' +
    `${companyHelp}\n\n${dataFolderHelp}`,
  options: {
    ...companyOptions,
    method: { type: 'string' },
    'request-out': { type: 'string' },
    signed: { type: 'string' },
    force: { type: 'boolean' },
    ...dataFolderOptions,
  },
  positionals: { min: 0, max: 0 },
  run({ values }, io) {
    const choice = companyChoice(values)
    const modes = (['method', 'request-out', 'signed'] as const).filter(
      (name) => optionalString(values, name) !== undefined,
    )
    if (modes.length !== 1) {
      throw usageError(
        'Give one of --method token|certificate, --request-out FILE.xml or --signed FILE.xml.',
      )
    }
    const onProgress = values.json === true ? undefined : progressPrinter((text) => io.stderr(text))
    const progress = { ...(onProgress ? { onProgress } : {}) }

    const method = optionalString(values, 'method')
    if (method !== undefined) {
      const chosen = oneOf(values, 'method', ['token', 'certificate'])
      return withDataFolder(
        values,
        io,
        async ({ call, company }) => {
          const target = await company(choice)
          const state = await call(
            chosen === 'token' ? 'auth:loginWithToken' : 'auth:loginWithCertificate',
            { companyId: target.id },
          )
          return loggedIn(target, state)
        },
        progress,
      )
    }

    const requestOut = optionalString(values, 'request-out')
    if (requestOut !== undefined) {
      return withDataFolder(values, io, async ({ call, company }) => {
        const target = await company(choice)
        const request = await call('auth:downloadRequest', { companyId: target.id })
        io.writeFile(requestOut, request.xml, { secret: false, overwrite: values.force === true })
        const expiresAt = request.state.challenge?.expiresAt ?? 'in 10 minutes'
        const env = choice.environment ? ` --env ${environmentOptionName(choice.environment)}` : ''
        return {
          text:
            `Authorization request for ${describeCompany(target)} written to ${requestOut}.\n` +
            `Sign it (XAdES, enveloped) and send it before ${expiresAt}:\n` +
            `  ksef-desk login --company ${choice.identifier}${env} --signed SIGNED.xml`,
          json: request,
        }
      })
    }

    const signed = optionalString(values, 'signed') ?? ''
    const file = { name: basename(signed), base64: io.readFile(signed).toString('base64') }
    return withDataFolder(
      values,
      io,
      async ({ ctx, call, company }) => {
        const target = await company(choice)
        const known = new Set(ctx.login.state(target.id).operations.map((o) => o.referenceNumber))
        const submitted = await call('auth:submitSignedRequest', { companyId: target.id, file })
        const operation = submitted.operations.find((o) => !known.has(o.referenceNumber))
        if (!operation) {
          throw new AppError(
            'INTERNAL',
            'KSeF accepted the signed request, but its operation is not on the list.',
          )
        }
        if (onProgress) io.stderr('login: KSeF accepted the signed request\n')
        const state = await completeOperation(
          ctx,
          target,
          operation.referenceNumber,
          submitted.autoMode,
        )
        return loggedIn(target, state)
      },
      progress,
    )
  },
}

/**
 * Waits for KSeF's decision and redeems, as Sprawdź status + Pobierz token dostępowy would. In
 * automatic mode (set in the window) the service does that by itself already: wait for it.
 */
async function completeOperation(
  ctx: HandlerContext,
  company: Company,
  referenceNumber: string,
  autoMode: boolean,
): Promise<AuthState> {
  try {
    if (!autoMode) {
      return AuthState.parse(await ctx.login.completeOperation(company.id, referenceNumber))
    }
    await ctx.login.idle()
    const state = ctx.login.state(company.id)
    if (state.session?.referenceNumber === referenceNumber) return state
    const operation = state.operations.find((o) => o.referenceNumber === referenceNumber)
    if (operation && operation.status.code !== 100 && operation.status.code !== 200)
      throw authenticationFailure(referenceNumber, operation.status)
    throw new AppError(
      'AUTH_OPERATION_NOT_READY',
      'KSeF has not finished this login yet: check it in the window (Ogólne) in a moment.',
    )
  } catch (error) {
    if (isAppError(error)) throw error
    // Only the name: library errors (axios) carry request headers with bearer tokens.
    ctx.log.error('login completion failed', {
      error: error instanceof Error ? error.name : 'non-error thrown',
    })
    throw new AppError('INTERNAL', 'Something went wrong while completing the login.')
  }
}

function loggedIn(company: Company, state: AuthState): CliOutput {
  const session = state.session
  if (!session) throw new AppError('AUTH_NOT_LOGGED_IN', 'KSeF finished, but no session was kept.')
  return {
    text: `Logged in: ${describeCompany(company)} with a ${methodNames[session.method]}.\n${sessionText(session)}`,
    json: state,
  }
}

function sessionText(session: SessionSummary): string {
  return (
    `  access token valid until ${session.accessTokenValidUntil}, ` +
    `refresh until ${session.refreshTokenValidUntil}\n` +
    `  session ${session.referenceNumber}, started ${session.startedAt}`
  )
}

const sessions: CliCommand = {
  path: ['sessions'],
  summary: "the company's authentication sessions in KSeF (needs a session)",
  usage: `${companyUsage} ${dataFolderUsage}`,
  help:
    "KSeF's list of the active authentication sessions in the company's context (GET /auth/sessions),\n" +
    "with the data folder's own session marked *. A session kept from an earlier command is\n" +
    'refreshed first. --json prints the list as the contract has it (ActiveSession[]), the method\n' +
    'named in words (Certyfikat KSeF, Token KSeF …).\n\n' +
    `${companyHelp}\n\n${dataFolderHelp}`,
  options: { ...companyOptions, ...dataFolderOptions },
  positionals: { min: 0, max: 0 },
  run({ values }, io) {
    const choice = companyChoice(values)
    return withDataFolder(values, io, async ({ ctx, call, company }) => {
      const target = await company(choice)
      const list = await call('auth:sessions', { companyId: target.id })
      const own = ctx.login.state(target.id).session
      const header = own
        ? `Session of ${describeCompany(target)}, by ${methodNames[own.method]}:\n${sessionText(own)}`
        : `${describeCompany(target)} has no session in this data folder.`
      const named = list.map((s) => ({ ...s, method: sessionMethodNames[s.method] }))
      return { text: `${header}\n\n${activeSessionsText(named)}`, json: named }
    })
  },
}

function activeSessionsText(
  list: readonly (Omit<ActiveSession, 'method'> & { method: string })[],
): string {
  if (list.length === 0) return 'KSeF lists no active sessions in this context.'
  return [
    'Active sessions in the context (* this data folder):',
    ...list.map(
      (s) =>
        `${s.isCurrent ? '*' : ' '} ${s.referenceNumber}  started ${s.startDate}  ${s.method}  ` +
        `status ${s.status.code} ${s.status.description}` +
        (s.refreshTokenValidUntil ? `  refresh until ${s.refreshTokenValidUntil}` : ''),
    ),
  ].join('\n')
}

const logout: CliCommand = {
  path: ['logout'],
  summary: "end the company's session (Wyloguj)",
  usage: `${companyUsage} ${dataFolderUsage}`,
  help:
    "KSeF revokes the session's refresh token and the data folder forgets the session; access tokens\n" +
    'already issued run out on their own. --json prints the AuthState.\n\n' +
    `${companyHelp}\n\n${dataFolderHelp}`,
  options: { ...companyOptions, ...dataFolderOptions },
  positionals: { min: 0, max: 0 },
  run({ values }, io) {
    const choice = companyChoice(values)
    return withDataFolder(values, io, async ({ call, company }) => {
      const target = await company(choice)
      const state = await call('auth:logout', { companyId: target.id })
      return {
        text: `Logged out: ${describeCompany(target)}. KSeF revoked the session.`,
        json: state,
      }
    })
  },
}

export const loginCommands: CliCommand[] = [login, sessions, logout]
