import { startSimulator } from './index'
import type { SimulatorOptions } from './index'

const USAGE = `Usage: npm run sim -- [--port N] [--mode test|demo|prod] [--limits off|SCALE] [--status-delay MS]

Starts the KSeF API 2.0 simulator on 127.0.0.1 and prints its base URL, e.g.
http://127.0.0.1:8080/v2, on one line. Runs until interrupted.`

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`)
  process.exit(2)
}

function parseArguments(argv: string[]): SimulatorOptions {
  const options: SimulatorOptions = { port: 0 }
  for (let i = 0; i < argv.length; i += 1) {
    const name = argv[i]
    const value = argv[i + 1]
    if (name === '--help' || name === '-h') {
      process.stdout.write(`${USAGE}\n`)
      process.exit(0)
    }
    if (value === undefined) fail(`Missing value for ${name ?? ''}`)
    i += 1
    switch (name) {
      case '--port':
        if (!/^\d+$/.test(value) || Number(value) > 65535) fail(`Invalid port: ${value}`)
        options.port = Number(value)
        break
      case '--mode':
        if (value !== 'test' && value !== 'demo' && value !== 'prod') fail(`Invalid mode: ${value}`)
        options.mode = value
        break
      case '--limits':
        if (value === 'off') options.limits = false
        else if (Number(value) > 0) options.limits = { scale: Number(value) }
        else fail(`Invalid limits: ${value}`)
        break
      case '--status-delay':
        if (!/^\d+$/.test(value)) fail(`Invalid delay: ${value}`)
        options.authStatusDelayMs = Number(value)
        options.enrollmentDelayMs = Number(value)
        options.tokenActivationDelayMs = Number(value)
        options.revocationDelayMs = Number(value)
        break
      default:
        fail(`Unknown option: ${name ?? ''}`)
    }
  }
  return options
}

const simulator = await startSimulator(parseArguments(process.argv.slice(2)))
process.stdout.write(`${simulator.url}\n`)

const reportViolations = () => {
  for (const violation of simulator.contractViolations)
    console.error(`contract violation: ${violation}`)
}
let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return
    stopping = true
    reportViolations()
    void simulator.close().then(() => process.exit(0))
  })
}
