// The process kill-mid-write.test.ts kills: it writes the settings, the secrets and a certificate
// file of a data folder in a loop, generation after generation, through the app's own stores, and
// says on stdout what it has started and what each write completed ("settings 7"). Pipes are
// synchronous on Linux, so a line printed is a line the test receives, whenever the kill comes.
import { join } from 'node:path'
import { systemClock } from '../../../electron/clock'
import { FolderCertificateFiles } from '../../../electron/vault/certificate-files'
import { openNodeSettings } from '../../../electron/vault/node-settings'
import {
  SealedFileSecretStore,
  secretsFileName,
} from '../../../electron/vault/sealed-file-secret-store'
import {
  certificateId,
  certificateOf,
  companiesOf,
  secretNames,
  secretOf,
} from './kill-mid-write-values'
import { fixedKeySealer } from './fixed-key-sealer'

const [folder = '', first = '1'] = process.argv.slice(2)
const settings = openNodeSettings(folder, systemClock).store
const secrets = new SealedFileSecretStore(
  join(folder, secretsFileName),
  fixedKeySealer,
  systemClock,
)
const certificates = new FolderCertificateFiles(join(folder, 'certificates'))

async function run(): Promise<void> {
  process.stdout.write('started\n')
  for (let generation = Number(first); ; generation++) {
    // Settings writes gather for a window before they reach the disk: a write counts as
    // complete once flushed, which is what quitting and closing the CLI wait for.
    settings.write({ ...settings.read(), companies: companiesOf(generation) })
    await settings.flush()
    process.stdout.write(`settings ${generation}\n`)
    const all = new Map(secretNames.map((name) => [name, secretOf(name, generation)]))
    for (const [name, value] of all) await secrets.set(name, value)
    process.stdout.write(`secrets ${generation}\n`)
    await certificates.write(certificateId, certificateOf(generation))
    process.stdout.write(`certificate ${generation}\n`)
  }
}

void run()
