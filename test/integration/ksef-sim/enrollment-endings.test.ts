import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startSimulator } from '../../ksef-sim'
import type { RunningSimulator } from '../../ksef-sim'
import { Workspace, opensslCsr } from '../../support/external-tools'
import { NIP, expectNoViolations } from './flows'
import { call, field, text } from './sim-http'

// seed.endNextEnrollment: an accepted enrollment (202) that KSeF ends in 400, 500 or 550 instead
// of issuing a certificate, so clients can prove what they do with each.

let sim: RunningSimulator
let ws: Workspace
let accessToken: string
let subject: string

beforeAll(async () => {
  sim = await startSimulator({ authStatusDelayMs: 0, enrollmentDelayMs: 0, limits: false })
  ws = await Workspace.create()
  accessToken = sim.seed.openSession({ context: { type: 'Nip', value: NIP } }).accessToken
  const data = await call(sim, 'GET', '/certificates/enrollments/data', { bearer: accessToken })
  const d = data.body as Record<string, string>
  subject = `/CN=${d.commonName}/SN=${d.surname}/GN=${d.givenName}/C=${d.countryName}/serialNumber=${d.serialNumber}`
})

afterAll(async () => {
  expectNoViolations(sim)
  await sim.close()
  await ws.dispose()
})

async function enrollAndRead(): Promise<unknown> {
  const { csrBase64 } = await opensslCsr(ws, subject)
  const sent = await call(sim, 'POST', '/certificates/enrollments', {
    bearer: accessToken,
    json: {
      certificateName: 'Certyfikat testowy',
      certificateType: 'Authentication',
      csr: csrBase64,
    },
  })
  expect(sent.status, sent.text).toBe(202)
  const status = await call(
    sim,
    'GET',
    `/certificates/enrollments/${text(sent.body, 'referenceNumber')}`,
    { bearer: accessToken },
  )
  expect(status.status).toBe(200)
  return status.body
}

describe('seed.endNextEnrollment', () => {
  test.each([
    [400, 'Wniosek odrzucony', ['Klucz publiczny został już certyfikowany przez inny podmiot.']],
    [500, 'Nieznany błąd', undefined],
    [550, 'Operacja została anulowana przez system', undefined],
  ] as const)(
    'ends the next enrollment in %i, with no serial number',
    async (code, description, details) => {
      sim.seed.endNextEnrollment(code)
      const body = await enrollAndRead()
      expect(field(body, 'status')).toEqual({ code, description, ...(details ? { details } : {}) })
      expect(field(body, 'certificateSerialNumber')).toBeUndefined()
    },
  )

  test('pins one enrollment per call, in order, then issues as before', async () => {
    sim.seed.endNextEnrollment(550, ['Przerwano.'])
    expect(field(await enrollAndRead(), 'status')).toMatchObject({
      code: 550,
      details: ['Przerwano.'],
    })
    const issued = await enrollAndRead()
    expect(field(issued, 'status', 'code')).toBe(200)
    expect(field(issued, 'certificateSerialNumber')).toMatch(/^[0-9A-F]{16}$/)
  })
})
