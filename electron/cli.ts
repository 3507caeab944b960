// The ksef-desk command line: the engine of the app from a terminal (electron/crypto for files
// and keys; the window's own handlers over a data folder), for scripting and for checking each
// piece from outside.
import packageJson from '../package.json' with { type: 'json' }
import { commands } from './cli/commands'
import { processIo } from './cli/io'
import { runCli } from './cli/run'

process.exitCode = await runCli(process.argv.slice(2), processIo(), commands, packageJson.version)
