// Every command group of ksef-desk, in the order help lists them. A new group: one file in this
// folder exporting its CliCommand list, one line here.
import type { CliCommand } from './command'
import { companyCommands } from './companies'
import { companyCredentialCommands } from './company-credentials'
import { fileCommands } from './files'
import { keyMaterialCommands } from './key-material'
import { loginCommands } from './login'
import { loginPieceCommands } from './login-pieces'
import { qrCommands } from './qr'

export const commands: readonly CliCommand[] = [
  // Offline: files, the login pieces, key material, QR links.
  ...fileCommands,
  ...loginPieceCommands,
  ...keyMaterialCommands,
  ...qrCommands,
  // Over a data folder, through the app's handlers.
  ...companyCommands,
  ...companyCredentialCommands,
  ...loginCommands,
]
