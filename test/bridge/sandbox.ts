import { existsSync, rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { builtRenderer, startAppServer } from './app-server'

// `npm run sandbox`: the app in a browser, no Electron. Its data lives in .sandbox-data/ beside
// the project; its secrets are sealed with a fixed passphrase, because this is a place to try
// things, not to keep real credentials.

const { values } = parseArgs({
  options: { port: { type: 'string', default: '0' }, fresh: { type: 'boolean', default: false } },
})

const dataFolder = fileURLToPath(new URL('../../.sandbox-data', import.meta.url))
if (values.fresh) rmSync(dataFolder, { recursive: true, force: true })
if (!existsSync(`${builtRenderer}/index.html`)) {
  process.stderr.write('The renderer is not built: run `npm run sandbox` (it builds first).\n')
  process.exit(1)
}

const server = await startAppServer({
  dataFolder,
  passphrase: 'ksef-desk-sandbox',
  port: Number(values.port),
})
process.stdout.write(`KSeF Desk sandbox: ${server.url}\n`)
process.stdout.write(`data folder: ${dataFolder}\n`)

const stop = () => void server.close().then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
