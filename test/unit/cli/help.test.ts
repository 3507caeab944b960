import { describe, expect, it } from 'vitest'
import { commands } from '../../../electron/cli/commands'
import type { CliIo } from '../../../electron/cli/io'
import { runCli } from '../../../electron/cli/run'

async function help(args: string[]) {
  let stdout = ''
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: () => undefined,
    readFile: () => Buffer.alloc(0),
    exists: () => false,
    writeFile: () => undefined,
    env: {},
    clock: { now: () => 0 },
    resolvePath: (path) => path,
  }
  const status = await runCli(args, io, commands, '0.0.0')
  return { status, stdout }
}

describe('ksef-desk --help', () => {
  it('names every option of every command in its usage or help', async () => {
    for (const command of commands) {
      const { status, stdout } = await help([...command.path, '--help'])
      expect(status).toBe(0)
      expect(stdout).toMatch(new RegExp(`^ksef-desk ${command.path.join(' ')} — `))
      for (const option of Object.keys(command.options)) {
        expect(stdout, `${command.path.join(' ')} --${option}`).toContain(`--${option}`)
      }
    }
  })

  it('keeps the overview to lines of 110 characters at most', async () => {
    const { stdout } = await help(['--help'])
    for (const line of stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(110)
  })
})
