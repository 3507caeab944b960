// Error codes of the ksef-desk command line (electron/cli): the terminal's own failures, apart
// from those of the work it runs.
export const cliErrorCodes = [
  'CLI_USAGE', // unknown command or option, a missing or conflicting option
  'FILE_UNREADABLE', // an input file does not exist or cannot be read
  'FILE_EXISTS', // an output file exists already; nothing was overwritten
  'FILE_UNWRITABLE', // an output file cannot be written
] as const

export type CliErrorCode = (typeof cliErrorCodes)[number]
