// The dispatcher: find the command named by the leading words, parse its options strictly, run
// it, print text or --json. Exit status 0 only on success; 2 for a usage error, 1 for any other
// (a command whose work partly failed prints its output and exits 1 too).
import { parseArgs } from 'node:util'
import { visibleJson, visibleText } from '../../shared/domain/visible-text'
import { AppError, isAppError, type AppErrorCode } from '../../shared/ipc/errors'
import type { CliCommand } from './command'
import { errorText } from './error-text'
import type { CliIo } from './io'

const exitCodes = { ok: 0, failed: 1, usage: 2 } as const

/** Errors in how the command was called (options, environment variables), not in the work: exit 2. */
const usageErrorCodes: readonly AppErrorCode[] = [
  'CLI_USAGE',
  'CLI_DATA_DIR_MISSING',
  'CLI_PASSPHRASE_MISSING',
  'CLI_COMPANY_AMBIGUOUS',
]

const globalOptions = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const

export async function runCli(
  argv: readonly string[],
  rawIo: CliIo,
  commands: readonly CliCommand[],
  version: string,
): Promise<number> {
  const json = argv.includes('--json')
  // Names, subjects and KSeF's messages come from outside: whatever a command prints shows their
  // terminal controls escaped (shared/domain/visible-text.ts), so a name cannot clear the screen
  // or reorder a line. Only a document output goes out raw.
  const io: CliIo = {
    ...rawIo,
    stdout: (text) => rawIo.stdout(visibleText(text, { keepLineBreaks: true })),
    stderr: (text) => rawIo.stderr(visibleText(text, { keepLineBreaks: true })),
  }
  try {
    if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
      io.stdout(overview(commands))
      return argv.length === 0 ? exitCodes.usage : exitCodes.ok
    }
    if (argv[0] === '--version') {
      io.stdout(`${version}\n`)
      return exitCodes.ok
    }
    const command = findCommand(argv, commands)
    const rest = argv.slice(command.path.length)
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(commandHelp(command))
      return exitCodes.ok
    }
    const parsed = parseCommandArgs(command, rest)
    const output = await command.run(parsed, io)
    const text = output.text.endsWith('\n') ? output.text : `${output.text}\n`
    const indent = output.jsonLine === true ? undefined : 2
    if (json) rawIo.stdout(`${visibleJson(JSON.stringify(output.json, null, indent))}\n`)
    else if (output.document === true) rawIo.stdout(text)
    else io.stdout(text)
    return output.failed === true ? exitCodes.failed : exitCodes.ok
  } catch (error) {
    const appError = isAppError(error) ? error : unexpectedFailure(error)
    if (json) rawIo.stderr(`${visibleJson(JSON.stringify({ error: appError.toPayload() }))}\n`)
    else io.stderr(errorText(appError.toPayload()))
    return usageErrorCodes.includes(appError.code) ? exitCodes.usage : exitCodes.failed
  }
}

/**
 * A failure the code did not foresee, by its kind only: its message can carry what it was working
 * on (a URL, a request body, a file's content), and stderr ends up in logs and bug reports.
 */
function unexpectedFailure(error: unknown): AppError {
  const name =
    error instanceof Error && /^[A-Za-z]\w{0,63}$/.test(error.name) ? error.name : 'unknown'
  return new AppError('INTERNAL', `unexpected failure (${name})`)
}

function findCommand(argv: readonly string[], commands: readonly CliCommand[]): CliCommand {
  const matches = commands.filter((c) => c.path.every((word, i) => argv[i] === word))
  const command = matches.sort((a, b) => b.path.length - a.path.length)[0]
  if (command) return command
  const group = commands.filter((c) => c.path[0] === argv[0])
  if (group.length > 0) {
    throw new AppError(
      'CLI_USAGE',
      `"${argv[0]}" needs one of: ${group.map((c) => c.path.slice(1).join(' ')).join(', ')}.`,
    )
  }
  throw new AppError(
    'CLI_USAGE',
    `Unknown command "${argv[0]}". Run ksef-desk --help for the list.`,
  )
}

function parseCommandArgs(command: CliCommand, args: string[]) {
  let parsed
  try {
    parsed = parseArgs({
      args,
      options: { ...command.options, ...globalOptions },
      allowPositionals: true,
      strict: true,
    })
  } catch (error) {
    // parseArgs names the offending option in plain words already.
    throw new AppError('CLI_USAGE', error instanceof Error ? error.message : String(error))
  }
  const { min, max } = command.positionals
  if (parsed.positionals.length < min || parsed.positionals.length > max) {
    throw new AppError('CLI_USAGE', `Usage: ksef-desk ${command.path.join(' ')} ${command.usage}`)
  }
  return {
    values: parsed.values as Record<string, string | boolean | undefined>,
    positionals: parsed.positionals,
  }
}

function overview(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((c) => c.path.join(' ').length))
  return [
    'ksef-desk — KSeF credentials from a terminal',
    '',
    'Usage: ksef-desk <command> [options] [--json]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.path.join(' ').padEnd(width)}  ${c.summary}`),
    '',
    "ksef-desk <command> --help shows a command's options. --json prints machine-readable output, and",
    'errors as {"error":{code,message}} on stderr. Errors otherwise read "error CODE: message".',
    'Exit status: 0 success, 1 failure, 2 wrong usage.',
    '',
    'companies, certificates, public-keys, tokens, login, sessions, logout and settings work on a',
    'data folder, as the desktop app does: --data-dir DIR or KSEF_DESK_DATA_DIR; its secrets are',
    'sealed with the passphrase in KSEF_DESK_PASSPHRASE (required); --api-url URL or KSEF_DESK_API_URL',
    "reaches KSeF at URL instead of the environments' hosts (the simulator). The other commands need",
    'none of it.',
    '',
  ].join('\n')
}

function commandHelp(command: CliCommand): string {
  return [
    `ksef-desk ${command.path.join(' ')} — ${command.summary}`,
    '',
    `Usage: ksef-desk ${command.path.join(' ')} ${command.usage} [--json]`,
    ...(command.help ? ['', command.help] : []),
    '',
  ].join('\n')
}
