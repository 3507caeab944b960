// Wniosek o certyfikat to the stored certificate, wall time against the simulator, divided by its
// floor: each round trip the enrollment needs, timed in the same run, plus the simulator's
// enrollment delay. Per key type, since making an RSA key is most of its own work.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCsr } from '../electron/crypto/csr'
import { createDispatch } from '../electron/dispatch'
import { handlers } from '../electron/handlers'
import { createKsefClient } from '../electron/ksef/client'
import { openNodeServices } from '../electron/node-services'
import { startSimulator } from '../test/ksef-sim'
import type { BenchmarkRow, BenchmarkSuite } from './measure'

// As the login bench: about how long KSeF takes, so polling granularity and the app's own work
// both show without one hiding the other.
const enrollmentDelayMs = 1_000
const samples = 5
const nip = '5265877635'

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now()
  const result = await work()
  return [result, performance.now() - start]
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

async function run(): Promise<BenchmarkRow[]> {
  const sim = await startSimulator({
    authStatusDelayMs: 0,
    enrollmentDelayMs,
    limits: false,
  })
  const folder = mkdtempSync(join(tmpdir(), 'ksef-desk-bench-enrollment-'))
  try {
    const { ctx, close } = await openNodeServices({
      dataFolder: folder,
      passphrase: 'bench',
      ksefApiUrl: sim.url,
    })
    const dispatch = createDispatch(handlers, ctx)
    const call = async <T>(channel: string, input: unknown): Promise<T> => {
      const envelope = await dispatch(channel, input)
      if (!envelope.ok)
        throw new Error(`${channel}: ${envelope.error.code} ${envelope.error.message}`)
      return envelope.value as T
    }
    const company = await call<{ id: string }>('companies:add', {
      name: 'Bench Sp. z o.o.',
      identifier: { type: 'Nip', value: nip },
      environment: 'Test',
    })
    await call('certificates:createTest', { companyId: company.id, makeDefault: true })
    await call('auth:loginWithCertificate', { companyId: company.id })

    const appEnrollment = async (keyType: 'EC' | 'RSA') => {
      const times: number[] = []
      for (let i = 0; i < samples; i++) {
        const [result, ms] = await timed(() =>
          call<{ certificate: unknown }>('certificates:enroll', {
            companyId: company.id,
            draft: {
              name: `Bench ${keyType} ${i}`,
              kind: 'Authentication',
              keyType,
              makeDefault: false,
            },
          }),
        )
        if (!result.certificate) throw new Error('bench enrollment was not retrieved')
        times.push(ms)
      }
      return median(times)
    }

    // The floor: the same exchanges made bare in the company's session, each timed, with
    // exactly the enrollment delay between sending and the one status read that finds the serial.
    const client = createKsefClient({ baseUrl: sim.url })
    const accessToken = await ctx.login.accessToken(company.id)
    const floorOf = async (keyType: 'ec' | 'rsa') => {
      const floors: number[] = []
      for (let i = 0; i < samples; i++) {
        const [, limitsMs] = await timed(() =>
          client.certificates.getCertificateLimits(accessToken),
        )
        const [data, dataMs] = await timed(() => client.certificates.getEnrollmentData(accessToken))
        // Making the key and the CSR is the app's own work, not a round trip: it stays out.
        const request = await createCsr(data, { keyType })
        const [sent, enrollMs] = await timed(() =>
          client.certificates.enrollCertificate(accessToken, {
            certificateName: `Floor ${keyType} ${i}`,
            certificateType: 'Authentication',
            csr: request.csrBase64,
          }),
        )
        await sleep(enrollmentDelayMs)
        const [status, statusMs] = await timed(() =>
          client.certificates.getEnrollmentStatus(accessToken, sent.referenceNumber),
        )
        if (!status.certificateSerialNumber) throw new Error('bench floor found no serial number')
        const serial = status.certificateSerialNumber
        const [, retrieveMs] = await timed(() =>
          client.certificates.retrieveCertificates(accessToken, [serial]),
        )
        floors.push(limitsMs + dataMs + enrollMs + enrollmentDelayMs + statusMs + retrieveMs)
      }
      return median(floors)
    }

    const ecFloor = await floorOf('ec')
    const rsaFloor = await floorOf('rsa')
    const ec = await appEnrollment('EC')
    const rsa = await appEnrollment('RSA')
    await close()
    const baseline = (medianMs: number) => ({
      name: `round trips + ${enrollmentDelayMs} ms enrollment delay`,
      medianMs,
    })
    return [
      {
        name: 'enrollment: Wniosek o certyfikat EC P-256 → retrieved and stored, wall time',
        medianMs: ec,
        baseline: baseline(ecFloor),
        budget: 1.2,
      },
      {
        name: 'enrollment: Wniosek o certyfikat RSA 2048 → retrieved and stored, wall time',
        medianMs: rsa,
        baseline: baseline(rsaFloor),
        note: 'includes generating the RSA key, which varies from one key to the next (crypto: CSR rows)',
      },
    ]
  } finally {
    await sim.close()
    rmSync(folder, { recursive: true, force: true })
  }
}

export const enrollmentSuite: BenchmarkSuite = { name: 'enrollment against the simulator', run }
