// Error codes of the ksef-desk command line (electron/cli): the terminal's own failures, apart
// from those of the work it runs.
import { z } from 'zod'
import { Environment } from '../domain/environment'
import { Text, type DetailsSchema } from './details'

export const cliErrorCodes = [
  'CLI_USAGE', // unknown command or option, a missing or conflicting option
  'FILE_UNREADABLE', // an input file does not exist or cannot be read
  'FILE_UNWRITABLE', // an output file cannot be written
  'CLI_DATA_DIR_MISSING', // a command over the data folder got neither --data-dir nor KSEF_DESK_DATA_DIR
  'CLI_PASSPHRASE_MISSING', // a command over the data folder got no KSEF_DESK_PASSPHRASE
  'CLI_DATA_FOLDER_FOREIGN', // the folder's secrets file is sealed by the system keychain: the desktop app's folder
  'CLI_COMPANY_AMBIGUOUS', // --company names companies in several environments: --env must choose
] as const

export type CliErrorCode = (typeof cliErrorCodes)[number]

/** The details of each CLI code, exactly: a field not listed here is not sent. */
export const cliErrorDetails = {
  CLI_USAGE: z.object({}),
  FILE_UNREADABLE: z.object({ path: Text }),
  // The reference number of a token generated in KSeF that could not be written out.
  FILE_UNWRITABLE: z.object({ path: Text, referenceNumber: Text.optional() }),
  CLI_DATA_DIR_MISSING: z.object({}),
  CLI_PASSPHRASE_MISSING: z.object({}),
  CLI_DATA_FOLDER_FOREIGN: z.object({ folder: Text }),
  CLI_COMPANY_AMBIGUOUS: z.object({ environments: z.array(Environment) }),
} satisfies Record<CliErrorCode, DetailsSchema>
