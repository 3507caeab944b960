// What a ksef-desk command is. Each command group (a file in this folder) exports its commands;
// commands.ts lists the groups, so a new group is one file and one line there.
import type { ParseArgsConfig } from 'node:util'
import type { CliIo } from './io'

export type OptionSpec = NonNullable<ParseArgsConfig['options']>

export type OptionValues = Record<string, string | boolean | undefined>

export interface CliArgs {
  values: OptionValues
  positionals: string[]
}

export interface CliOutput {
  /** What a person reads; printed as is, a newline added when it lacks one. */
  text: string
  /** What a script reads with --json. */
  json: unknown
  /**
   * The text is a document to be used byte for byte (the signed AuthTokenRequest, the request to
   * sign): printed exactly, with no control characters escaped, or a signature would break.
   */
  document?: boolean
  /** Part of the work failed (a company of a bulk job): the output is printed, the exit status is 1. */
  failed?: boolean
  /** The JSON on one line: the last of the JSON lines the command printed as it went. */
  jsonLine?: boolean
}

export interface CliCommand {
  /** The words that name the command: ['inspect'], ['qr', 'invoice']. */
  path: string[]
  summary: string
  /** The synopsis after "ksef-desk <path>", e.g. "FILE [--password P]". */
  usage: string
  /** Longer help: what each option means. */
  help?: string
  options: OptionSpec
  /** Positional arguments the command takes (after its path). */
  positionals: { min: number; max: number }
  run(args: CliArgs, io: CliIo): Promise<CliOutput>
}
