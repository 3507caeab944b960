// Every command group of ksef-desk, in the order help lists them. A new group: one file in this
// folder exporting its CliCommand list, one line here.
import { auditCommands } from './audit'
import { backupCommands } from './backup'
import { bulkCommands } from './bulk'
import type { CliCommand } from './command'
import { companyCommands } from './companies'
import { companyCsvCommands } from './company-csv'
import { storedCertificateCommands, storedTokenCommands } from './company-credentials'
import { enrollmentCommands } from './enrollment'
import { fileCommands } from './files'
import { identityCommands } from './identities'
import { keyMaterialCommands } from './key-material'
import { ksefCertificateCommands, publicKeyCommands } from './ksef-certificates'
import { ksefTokenCommands } from './ksef-tokens'
import { loginCommands } from './login'
import { loginPieceCommands } from './login-pieces'
import { migrateCommands } from './migrate'
import { overviewCommands } from './overview'
import { qrCommands } from './qr'
import { dataFolderCommands } from './set-aside'
import { settingsCommands } from './settings'

export const commands: readonly CliCommand[] = [
  // Offline: files, the login pieces, key material, QR links.
  ...fileCommands,
  ...loginPieceCommands,
  ...keyMaterialCommands,
  ...qrCommands,
  // Over a data folder, through the app's handlers.
  ...companyCommands,
  ...companyCsvCommands,
  ...overviewCommands,
  ...auditCommands,
  ...storedCertificateCommands,
  ...enrollmentCommands,
  ...ksefCertificateCommands,
  ...publicKeyCommands,
  ...storedTokenCommands,
  ...identityCommands,
  ...ksefTokenCommands,
  ...loginCommands,
  ...bulkCommands,
  ...migrateCommands,
  ...settingsCommands,
  ...backupCommands,
  ...dataFolderCommands,
]
