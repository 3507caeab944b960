import { spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'

const ROOT = fileURLToPath(new URL('../../..', import.meta.url))

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

test('npm run sim -- --port N --mode prod: prints exactly its base URL, serves, stops on SIGTERM', async () => {
  const port = await freePort()
  const child = spawn(
    'npm',
    ['run', '--silent', 'sim', '--', '--port', String(port), '--mode', 'prod'],
    {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let stdout = ''
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8')
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  try {
    const deadline = Date.now() + 30_000
    while (!stdout.includes('\n') && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50))
    expect(stdout).toBe(`http://127.0.0.1:${port}/v2\n`)
    const reply = await fetch(`http://127.0.0.1:${port}/v2/auth/challenge`, { method: 'POST' })
    expect(reply.status).toBe(200)
    const body = (await reply.json()) as { challenge: string }
    expect(body.challenge).toMatch(/^\d{8}-CR-/)
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(stdout.split('\n')).toEqual([`http://127.0.0.1:${port}/v2`, ''])
  } finally {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM')
  }
  await exited
  await expect(
    fetch(`http://127.0.0.1:${port}/v2/auth/challenge`, { method: 'POST' }),
  ).rejects.toThrow()
})

test('a bad option: exit code 2 and the usage on stderr', async () => {
  const child = spawn(
    `${ROOT}node_modules/.bin/tsx`,
    ['test/ksef-sim/cli.ts', '--mode', 'staging'],
    { cwd: ROOT },
  )
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8')
  })
  const code = await new Promise<number | null>((resolve) =>
    child.on('exit', (exitCode) => resolve(exitCode)),
  )
  expect(code).toBe(2)
  expect(stderr).toContain('Invalid mode: staging')
  expect(stderr).toContain('Usage: npm run sim')
})
