import { once } from 'node:events'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { CertificateSummary } from '../../../shared/domain/credentials'
import type {
  CertificateExportResult,
  FileDownloadOffer,
} from '../../../shared/domain/ksef-certificates'
import type { Envelope } from '../../../shared/ipc/errors'
import { generateExportPassword } from '../../../shared/validation/export-password'
import { startAppServer, type RunningAppServer } from '../../bridge/app-server'
import { startSimulator, type RunningSimulator } from '../../ksef-sim'
import { FakeClock } from '../../support/memory-context'
import { tempFolder } from '../../support/temp-folder'
import { mustRun } from '../../support/tools'
import { noClientLimits } from '../../support/client-limits'

// The sandbox's file-saving port: an export is offered to the page as downloads, each served
// once by the bridge's HTTP server, so the key never rides the page's WebSocket.

let sim: RunningSimulator
let server: RunningAppServer
let folder: ReturnType<typeof tempFolder>
let socket: WebSocket
const offers: FileDownloadOffer[] = []
const pending = new Map<number, (envelope: Envelope<unknown>) => void>()
let nextId = 1

beforeEach(async () => {
  const clock = new FakeClock(Date.now())
  folder = tempFolder('ksef-desk-downloads-')
  sim = await startSimulator({ clock, authStatusDelayMs: 0, limits: false })
  server = await startAppServer({
    dataFolder: folder.path,
    passphrase: 'sandbox downloads',
    clock,
    ksefApiUrl: sim.url,
    rateLimiter: noClientLimits(),
  })
  offers.length = 0
  socket = new WebSocket(`${server.url.replace('http:', 'ws:')}__ksef-bridge`, {
    origin: server.url.replace(/\/$/, ''),
  })
  socket.on('message', (data: Buffer) => {
    const frame = JSON.parse(data.toString('utf8')) as
      | { type: 'result'; id: number; envelope: Envelope<unknown> }
      | { type: 'event'; event: string; payload: unknown }
    if (frame.type === 'result') pending.get(frame.id)?.(frame.envelope)
    else if (frame.event === 'files:download') offers.push(frame.payload as FileDownloadOffer)
  })
  await once(socket, 'open')
})
afterEach(async () => {
  socket.terminate()
  await server.close()
  await sim.close()
  folder.remove()
})

async function call<T>(channel: string, input: unknown): Promise<T> {
  const id = nextId++
  const answer = new Promise<Envelope<unknown>>((resolve) => pending.set(id, resolve))
  socket.send(JSON.stringify({ id, channel, input }))
  const envelope = await answer
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.code} ${envelope.error.message}`)
  return envelope.value as T
}

const fetchOffer = (offer: FileDownloadOffer) => fetch(new URL(offer.url, server.url))

describe('export in the sandbox', () => {
  it('offers each file once as a download; the key never crosses the WebSocket', async () => {
    const company = await call<{ id: string }>('companies:add', {
      name: 'Spółka Testowa',
      identifier: { type: 'Nip', value: '5265877635' },
      environment: 'Test',
    })
    const issued = await sim.seed.issueCertificate({
      subject: {
        commonName: 'Spółka Testowa',
        countryName: 'PL',
        organizationName: 'Spółka Testowa',
        organizationIdentifier: 'VATPL-5265877635',
      },
    })
    const base64 = (text: string) => Buffer.from(text).toString('base64')
    const stored = await call<CertificateSummary>('certificates:import', {
      companyId: company.id,
      files: {
        certificate: { name: 'c.pem', base64: base64(issued.certificatePem) },
        privateKey: { name: 'k.pem', base64: base64(issued.privateKeyPem) },
      },
      password: '',
    })
    const password = generateExportPassword()
    const result = await call<CertificateExportResult>('certificates:export', {
      companyId: company.id,
      certificateId: stored.id,
      format: 'pem',
      password,
    })
    const stem = `Spółka_Testowa_${stored.serialNumber}`
    expect(result).toEqual({
      certificateOnly: false,
      files: [
        { name: `${stem}.crt`, saved: true, location: null },
        { name: `${stem}.key`, saved: true, location: null },
      ],
    })
    // The events come before the answer on the same socket.
    expect(offers.map((o) => o.name)).toEqual([`${stem}.crt`, `${stem}.key`])
    for (const offer of offers) expect(offer.url).toMatch(/^\/__ksef-download\/[A-Za-z0-9_-]{43}$/)

    const keyOffer = offers[1] as FileDownloadOffer
    const response = await fetchOffer(keyOffer)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="Sp__ka_Testowa_${stored.serialNumber}.key"; filename*=UTF-8''${encodeURIComponent(`${stem}.key`)}`,
    )
    expect(response.headers.get('cache-control')).toBe('no-store')
    const keyPem = await response.text()
    const keyPublic = mustRun('openssl', ['pkey', '-passin', `pass:${password}`, '-pubout'], {
      input: Buffer.from(keyPem),
    })
    const certificatePublic = mustRun('openssl', ['x509', '-pubkey', '-noout'], {
      input: Buffer.from(await (await fetchOffer(offers[0] as FileDownloadOffer)).text()),
    })
    expect(keyPublic).toBe(certificatePublic)

    expect((await fetchOffer(keyOffer)).status).toBe(404)
    expect((await fetch(new URL('/__ksef-download/not-an-offer', server.url))).status).toBe(404)

    const body = (pem: string) => pem.split('\n').filter((l) => l && !l.startsWith('-----'))
    const frames = server.broadcast.transcript.join('\n')
    for (const line of [...body(keyPem), ...body(issued.privateKeyPem)]) {
      expect(frames).not.toContain(line)
    }
  })
})
