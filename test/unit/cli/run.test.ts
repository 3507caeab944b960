import { describe, expect, it } from 'vitest'
import type { CliCommand } from '../../../electron/cli/command'
import type { CliIo } from '../../../electron/cli/io'
import { runCli } from '../../../electron/cli/run'

const secret = 'https://user:hunter2@ksef.example/v2?token=20251010-EC-SECRET'

function failing(thrown: unknown): CliCommand {
  return {
    path: ['boom'],
    summary: 'fails',
    usage: '',
    options: {},
    positionals: { min: 0, max: 0 },
    run: () => {
      // A string is thrown on purpose: code the app calls may throw anything.
      throw thrown
    },
  }
}

async function run(thrown: unknown, ...args: string[]) {
  const out: string[] = []
  const err: string[] = []
  const io: CliIo = {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    readFile: () => Buffer.alloc(0),
    exists: () => false,
    writeFile: () => undefined,
    env: {},
    clock: { now: () => 0 },
    resolvePath: (path) => path,
  }
  const status = await runCli(['boom', ...args], io, [failing(thrown)], '0.0.0')
  return { status, stdout: out.join(''), stderr: err.join('') }
}

describe('an unexpected failure on the command line', () => {
  it('prints a fixed text with the kind of error, never its message', async () => {
    expect(await run(new TypeError(`Cannot read ${secret}`))).toEqual({
      status: 1,
      stdout: '',
      stderr: 'error INTERNAL: unexpected failure (TypeError)\n',
    })
  })

  it('says the same with --json', async () => {
    const result = await run(new RangeError(secret), '--json')
    expect(result.status).toBe(1)
    expect(JSON.parse(result.stderr)).toEqual({
      error: { code: 'INTERNAL', message: 'unexpected failure (RangeError)' },
    })
  })

  it('names no kind it cannot trust: a thrown string, a name that is text', async () => {
    const named = Object.assign(new Error('x'), { name: `Failed ${secret}` })
    for (const thrown of [secret, named]) {
      expect((await run(thrown)).stderr).toBe('error INTERNAL: unexpected failure (unknown)\n')
    }
  })
})
