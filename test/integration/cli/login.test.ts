// ksef-desk logs a company in all three ways against the simulator (`npm run sim`, its own
// process): a test certificate, a KSeF token minted in the simulator, a request signed by xmlsec1.
// Each command opens the data folder afresh (new services, nothing kept in memory between them),
// so every step after a login also proves that a restart keeps the session. The commands run in
// the test's process; ksef-smoke.test.ts runs the binary itself.
import { readFileSync, writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ActiveSession, AuthState } from '../../../shared/domain/auth'
import type { Company } from '../../../shared/domain/company'
import type { CertificateSummary, TokenSummary } from '../../../shared/domain/credentials'
import { filesContaining } from '../../support/temp-folder'
import { Workspace, selfSignedCertificate, xmlsecSign } from '../../support/external-tools'
import { inProcessCli, type InProcessCli } from './in-process'
import {
  mintToken,
  parseJson,
  passphrase,
  startSimulatorProcess,
  type SimulatorProcess,
} from './simulator-process'
import { expectError } from './workspace'

let sim: SimulatorProcess
const folders: InProcessCli[] = []
const secrets: string[] = [passphrase]

beforeAll(async () => {
  sim = await startSimulatorProcess()
})
afterAll(async () => {
  const simulatorStderr = await sim.stop()
  expect(simulatorStderr).not.toMatch(/contract violation/)
  for (const folder of folders) {
    // No secret the test knows was ever printed, nor left in plaintext in the data folder.
    for (const run of folder.runs) {
      for (const secret of secrets) {
        expect(run.stdout).not.toContain(secret)
        expect(run.stderr).not.toContain(secret)
      }
    }
    for (const secret of secrets) expect(filesContaining(folder.dataDir, secret)).toEqual([])
    folder.remove()
  }
})

function newDataFolder(): InProcessCli {
  const folder = inProcessCli(sim.url)
  folders.push(folder)
  return folder
}

async function addTestCompany({ cli }: InProcessCli, nip: string): Promise<Company> {
  const company = parseJson<Company>(
    await cli([
      'companies',
      'add',
      '--nip',
      nip,
      '--name',
      `Spółka ${nip}`,
      '--env',
      'test',
      '--json',
    ]),
  )
  expect(company).toMatchObject({ identifier: { type: 'Nip', value: nip }, environment: 'Test' })
  return company
}

/** `sessions --json` in a fresh process: KSeF lists the data folder's session as the current one. */
async function expectCurrentSession(folder: InProcessCli, nip: string, reference: string) {
  const list = parseJson<ActiveSession[]>(
    await folder.cli(['sessions', '--company', nip, '--json']),
  )
  expect(list.filter((s) => s.isCurrent).map((s) => s.referenceNumber)).toEqual([reference])
}

describe('ksef-desk login against the simulator', () => {
  it('by certificate: companies add → certificates test → login → sessions (a new process keeps the session) → logout', async () => {
    const folder = newDataFolder()
    const { cli } = folder
    const nip = '5265877635'
    const company = await addTestCompany(folder, nip)

    const listed = await cli(['companies', 'list'])
    expect(listed.status).toBe(0)
    expect(listed.stdout).toMatch(/^NIP\s+5265877635\s+test\s+Spółka 5265877635\n$/)

    const certificate = parseJson<CertificateSummary>(
      await cli(['certificates', 'test', '--company', nip, '--default', '--json']),
    )
    expect(certificate).toMatchObject({
      companyId: company.id,
      kind: 'Authentication',
      issuerKind: 'selfSigned',
      origin: 'testCertificate',
      isDefault: true,
      subjectIdentifier: { type: 'Nip', value: nip },
    })

    const login = await cli(['login', '--company', nip, '--method', 'certificate'])
    expect(login.status).toBe(0)
    expect(login.stdout).toMatch(
      /^Logged in: Spółka 5265877635 \(NIP 5265877635, Test\) with a KSeF certificate\.\n {2}access token valid until \S+Z, refresh until \S+Z\n {2}session \S+-AU-\S+, started \S+\n$/,
    )
    expect(login.stderr).toContain('login: signing the authorization request (XAdES)\n')
    expect(login.stderr).toMatch(/^login: KSeF is checking \S+-AU-\S+ \(status 200\)$/m)

    // The same again with --json: the AuthState, nothing on stderr.
    const again = await cli(['login', '--company', nip, '--method', 'certificate', '--json'])
    expect(again.stderr).toBe('')
    const state = parseJson<AuthState>(again)
    expect(state.session).toMatchObject({ method: 'certificate' })
    expect(Date.parse(state.session?.accessTokenValidUntil ?? '')).toBeGreaterThan(Date.now())
    expect(Date.parse(state.session?.refreshTokenValidUntil ?? '')).toBeGreaterThan(
      Date.parse(state.session?.accessTokenValidUntil ?? ''),
    )
    const reference = state.session?.referenceNumber ?? ''
    await expectCurrentSession(folder, nip, reference)

    const text = await cli(['sessions', '--company', nip])
    expect(text.stdout).toContain(`* ${reference}  started `)

    const logout = await cli(['logout', '--company', nip])
    expect(logout).toMatchObject({ status: 0, stderr: '' })
    expect(logout.stdout).toBe(
      'Logged out: Spółka 5265877635 (NIP 5265877635, Test). KSeF revoked the session.\n',
    )
    expectError(await cli(['sessions', '--company', nip]), 'AUTH_NOT_LOGGED_IN')
    expectError(await cli(['logout', '--company', nip]), 'AUTH_NOT_LOGGED_IN')
  })

  it('by a KSeF token minted in the simulator: tokens add → login --method token', async () => {
    const folder = newDataFolder()
    const { cli, path } = folder
    const nip = '7762811692'
    await addTestCompany(folder, nip)
    const minted = await mintToken(sim.url, nip)
    secrets.push(minted.token, minted.token.split('|')[2] ?? minted.token)
    writeFileSync(path('token.txt'), `${minted.token}\n`)

    const stored = parseJson<TokenSummary>(
      await cli([
        'tokens',
        'add',
        '--company',
        nip,
        '--token-file',
        'token.txt',
        '--default',
        '--json',
      ]),
    )
    expect(stored).toMatchObject({
      referenceNumber: minted.referenceNumber,
      context: { type: 'Nip', value: nip },
      environment: 'Test',
      isDefault: true,
    })
    expect(stored.masked).toMatch(/…/)
    const listed = await cli(['tokens', 'list', '--company', nip])
    expect(listed.stdout).toContain(`Reference number: ${minted.referenceNumber}`)

    const state = parseJson<AuthState>(
      await cli(['login', '--company', nip, '--method', 'token', '--json']),
    )
    expect(state.session).toMatchObject({ method: 'token' })
    await expectCurrentSession(folder, nip, state.session?.referenceNumber ?? '')
    expect((await cli(['logout', '--company', nip])).status).toBe(0)
  })

  it('by a request signed with xmlsec1: login --request-out → sign → login --signed', async () => {
    const folder = newDataFolder()
    const { cli, path } = folder
    const nip = '1111190300'
    await addTestCompany(folder, nip)

    const written = await cli(['login', '--company', nip, '--request-out', 'request.xml'])
    expect(written.status).toBe(0)
    expect(written.stdout).toMatch(
      /^Authorization request for Spółka 1111190300 \(NIP 1111190300, Test\) written to request\.xml\.\nSign it \(XAdES, enveloped\) and send it before \S+Z:\n {2}ksef-desk login --company 1111190300 --signed SIGNED\.xml\n$/,
    )
    // An existing file is never overwritten without --force.
    expectError(
      await cli(['login', '--company', nip, '--request-out', 'request.xml']),
      'FILE_EXISTS',
    )
    const json = parseJson<{ state: AuthState; fileName: string; xml: string }>(
      await cli(['login', '--company', nip, '--request-out', 'request.xml', '--force', '--json']),
    )
    expect(json.state.challenge).not.toBeNull()
    const xml = readFileSync(path('request.xml'), 'utf8')
    expect(xml).toBe(json.xml)
    expect(xml).toContain(`<Nip>${nip}</Nip>`)

    const tools = await Workspace.create()
    try {
      const signer = await selfSignedCertificate(
        tools,
        `/O=Spółka ${nip}/organizationIdentifier=VATPL-${nip}/CN=Spółka ${nip}/C=PL`,
      )
      writeFileSync(path('signed.xml'), await xmlsecSign(tools, xml, signer))
    } finally {
      await tools.dispose()
    }

    const login = await cli(['login', '--company', nip, '--signed', 'signed.xml'])
    expect(login.status).toBe(0)
    expect(login.stdout).toMatch(/^Logged in: .* with a signed authorization request\.\n/)
    expect(login.stderr).toMatch(/^login: KSeF accepted the signed request\n/)
    expect(login.stderr).toMatch(/^login: redeeming the access and refresh tokens$/m)

    const state = parseJson<AuthState>(await cli(['logout', '--company', nip, '--json']))
    expect(state.session).toBeNull()
    expect(state.challenge).toBeNull()
    expect(state.operations[0]).toMatchObject({
      method: 'signedRequest',
      redeemed: true,
      status: { code: 200 },
    })
  })

  it('logs in with an imported certificate and key made by openssl', async () => {
    const folder = newDataFolder()
    const { cli, path } = folder
    const nip = '1111269496'
    await addTestCompany(folder, nip)
    const tools = await Workspace.create()
    try {
      const signer = await selfSignedCertificate(
        tools,
        `/GN=Jan/SN=Kowalski/serialNumber=TINPL-${nip}/CN=Jan Kowalski/C=PL`,
        'rsa',
      )
      writeFileSync(path('person.crt'), signer.certificatePem)
      writeFileSync(path('person.key'), readFileSync(signer.keyPath))
    } finally {
      await tools.dispose()
    }
    const imported = parseJson<CertificateSummary>(
      await cli([
        'certificates',
        'import',
        '--company',
        nip,
        '--cert',
        'person.crt',
        '--key',
        'person.key',
        '--json',
      ]),
    )
    expect(imported).toMatchObject({
      origin: 'imported',
      isDefault: true,
      keyAlgorithm: 'RSA 2048',
    })
    const state = parseJson<AuthState>(
      await cli(['login', '--company', nip, '--method', 'certificate', '--json']),
    )
    expect(state.session).toMatchObject({ method: 'certificate' })
  })
})
