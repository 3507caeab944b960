import { createHash } from 'node:crypto'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startSimulator } from '../../ksef-sim'
import type { RunningSimulator } from '../../ksef-sim'
import { runTool } from '../../support/external-tools'
import { expectNoViolations } from './flows'
import { call, field, text } from './sim-http'

let sim: RunningSimulator
beforeAll(async () => {
  sim = await startSimulator({ mode: 'demo' })
})
afterAll(async () => {
  expectNoViolations(sim)
  await sim.close()
})

interface PublicKeyEntry {
  certificate: string
  certificateId: string
  publicKeyId: string
  validFrom: string
  validTo: string
  usage: string[]
}

test('GET /security/public-key-certificates: two RSA-2048 certificates, ids as openssl computes them', async () => {
  const reply = await call(sim, 'GET', '/security/public-key-certificates')
  expect(reply.status).toBe(200)
  const entries = reply.body as PublicKeyEntry[]
  expect(entries.map((entry) => entry.usage).sort()).toEqual([
    ['KsefTokenEncryption'],
    ['SymmetricKeyEncryption'],
  ])
  for (const entry of entries) {
    const der = Buffer.from(entry.certificate, 'base64')
    const text = (
      await runTool('openssl', ['x509', '-inform', 'DER', '-noout', '-text'], der)
    ).stdout.toString()
    expect(text).toContain('Public-Key: (2048 bit)')
    const spki = (
      await runTool(
        'openssl',
        ['pkey', '-pubin', '-outform', 'DER'],
        (await runTool('openssl', ['x509', '-inform', 'DER', '-noout', '-pubkey'], der)).stdout,
      )
    ).stdout
    expect(entry.publicKeyId).toBe(createHash('sha256').update(spki).digest('base64'))
    expect(entry.publicKeyId).toHaveLength(44)
    expect(entry.certificateId).toBe(createHash('sha256').update(der).digest('base64'))
    const dates = (
      await runTool('openssl', ['x509', '-inform', 'DER', '-noout', '-startdate', '-enddate'], der)
    ).stdout.toString()
    const notAfter = /notAfter=(.+)/.exec(dates)?.[1] ?? ''
    expect(
      Math.abs(Date.parse(notAfter) - Date.parse(entry.validTo.replace(/(\.\d{3})\d+/, '$1'))),
    ).toBeLessThan(1000)
    expect(entry.validFrom).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}\+00:00$/)
  }
})

test('POST /auth/challenge: 36-char CR challenge, KSeF-style timestamp, timestampMs, clientIp', async () => {
  const before = Date.now()
  const reply = await call(sim, 'POST', '/auth/challenge')
  expect(reply.status).toBe(200)
  const challenge = text(reply.body, 'challenge')
  expect(challenge).toHaveLength(36)
  expect(challenge).toMatch(/^\d{8}-CR-[A-F0-9]{10}-[A-F0-9]{10}-[A-F0-9]{2}$/)
  const timestamp = text(reply.body, 'timestamp')
  expect(timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}\+00:00$/)
  const timestampMs = field(reply.body, 'timestampMs')
  expect(typeof timestampMs).toBe('number')
  expect(Date.parse(timestamp.replace(/(\.\d{3})\d+/, '$1'))).toBe(timestampMs)
  expect(Number(timestampMs)).toBeGreaterThanOrEqual(before)
  expect(field(reply.body, 'clientIp')).toBe('127.0.0.1')
  const second = await call(sim, 'POST', '/auth/challenge')
  expect(text(second.body, 'challenge')).not.toBe(challenge)
})
