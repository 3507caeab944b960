import { existsSync, rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { startSimulator } from '../ksef-sim'
import { builtRenderer, startAppServer } from './app-server'

// `npm run sandbox`: the app in a browser, no Electron, logging in to the KSeF simulator instead
// of KSeF. Its data lives in .sandbox-data/ beside the project; its secrets are sealed with a
// fixed passphrase, because this is a place to try things, not to keep real credentials.

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'sim-port': { type: 'string', default: '0' },
    fresh: { type: 'boolean', default: false },
  },
})

const dataFolder = fileURLToPath(new URL('../../.sandbox-data', import.meta.url))
if (values.fresh) rmSync(dataFolder, { recursive: true, force: true })
if (!existsSync(`${builtRenderer}/index.html`)) {
  process.stderr.write('The renderer is not built: run `npm run sandbox` (it builds first).\n')
  process.exit(1)
}

const sim = await startSimulator({ port: Number(values['sim-port']), mode: 'test' })
const server = await startAppServer({
  dataFolder,
  passphrase: 'ksef-desk-sandbox',
  port: Number(values.port),
  ksefApiUrl: sim.url,
})

// Something to paste on the Tokeny tab: a KSeF token the simulator knows, for a sample NIP.
const sampleNip = '5265877635'
const { token } = sim.seed.createToken({
  context: { type: 'Nip', value: sampleNip },
  permissions: ['InvoiceRead', 'InvoiceWrite', 'CredentialsRead'],
  description: 'Token z piaskownicy',
})

process.stdout.write(`KSeF Desk sandbox: ${server.url}\n`)
process.stdout.write(`KSeF simulator:    ${sim.url} (stands in for every environment)\n`)
process.stdout.write(`data folder:       ${dataFolder}\n`)
process.stdout.write(
  `Try it: add a Test company with NIP ${sampleNip}, then Certyfikaty → Utwórz certyfikat testowy and Ogólne → Zaloguj certyfikatem KSeF;\n` +
    `or paste this simulator token on Tokeny and use Zaloguj tokenem KSeF:\n${token}\n`,
)

const stop = () =>
  void server
    .close()
    .then(() => sim.close())
    .then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
