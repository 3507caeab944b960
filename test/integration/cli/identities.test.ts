// ksef-desk identities add|list|remove|assign|unassign over a data folder, in process. No command
// here reaches KSeF (the login through an identity is tested in test/integration/identities).
import { writeFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { createTestCertificate } from '../../../electron/crypto/test-certificates'
import type { IdentityRow } from '../../../shared/domain/identities'
import { nthNip } from '../../support/company-seed'
import { expectNothingChanged, expectRefusal, inProcessCli, type InProcessCli } from './in-process'

const noKsef = 'http://127.0.0.1:9'
const officeNip = nthNip(800)
const folders: InProcessCli[] = []
afterEach(() => folders.splice(0).forEach((folder) => folder.remove()))

async function office() {
  const folder = inProcessCli(noKsef)
  folders.push(folder)
  const made = await createTestCertificate(
    { kind: 'seal', organizationName: 'Biuro Rachmistrz', nip: officeNip },
    { usage: 'Authentication' },
  )
  writeFileSync(folder.path('biuro.crt'), made.certificatePem)
  writeFileSync(
    folder.path('biuro.key'),
    made.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  )
  for (const [n, env] of [
    [1, 'test'],
    [2, 'test'],
    [3, 'prod'],
  ] as const) {
    const added = await folder.cli([
      'companies',
      'add',
      '--nip',
      nthNip(n),
      '--name',
      `Klient ${n}`,
      '--env',
      env,
    ])
    expect(added.status).toBe(0)
  }
  return folder
}

describe('ksef-desk identities', () => {
  it('add, list, assign by NIP and to all, unassign, remove with --force; refusals store nothing', async () => {
    const folder = await office()
    const { cli, path } = folder
    const stored = await cli([
      'identities',
      'add',
      '--cert',
      path('biuro.crt'),
      '--key',
      path('biuro.key'),
    ])
    expect(stored.status).toBe(0)
    const [identity] = JSON.parse(
      (await cli(['identities', 'list', '--json'])).stdout,
    ) as IdentityRow[]
    if (!identity) throw new Error('no identity')
    const listed = [
      `${identity.id}  Biuro Rachmistrz`,
      `  NIP ${officeNip}`,
      `  works in test, valid to ${identity.validTo}`,
    ].join('\n')
    expect(stored.stdout).toBe(`Identity stored.\n${listed}\n  logs in 0 companies\n`)

    // Every refusal: its exact words, and the data folder as it was.
    const other = '00000000-0000-4000-8000-000000000777'
    await expectNothingChanged(folder.dataDir, async () => {
      expectRefusal(
        await cli(['identities', 'add', '--cert', path('biuro.crt'), '--key', path('biuro.key')]),
        'IDENTITY_DUPLICATE',
        'This certificate is already stored as an identity.',
      )
      expectRefusal(
        await cli(['identities', 'add', '--cert', path('biuro.crt')]),
        'CLI_USAGE',
        'Give --cert with --key, or --p12.',
        2,
      )
      expectRefusal(
        await cli(['identities', 'assign', '--identity', other, '--companies', 'all']),
        'IDENTITY_NOT_FOUND',
        'No such identity is stored.',
      )
      expectRefusal(
        await cli([
          'identities',
          'assign',
          '--identity',
          identity.id,
          '--companies',
          `${nthNip(1)},1111111111,2222222222`,
        ]),
        'IDENTITY_UNKNOWN_NIP',
        'No company has the NIP 1111111111, 2222222222.',
      )
      expectRefusal(
        await cli(['identities', 'assign', '--identity', identity.id, '--companies', nthNip(3)]),
        'IDENTITY_WRONG_ENVIRONMENT',
        'The identity Biuro Rachmistrz works in Test; Klient 3 logs in to Production.',
      )
      expectRefusal(
        await cli(['identities', 'assign', '--identity', identity.id, '--companies', ' , ']),
        'CLI_USAGE',
        '--companies takes all, or NIPs separated by commas.',
        2,
      )
      expectRefusal(
        await cli(['identities', 'assign', '--identity', identity.id]),
        'CLI_USAGE',
        '--companies is required.',
        2,
      )
      expectRefusal(
        await cli(['identities', 'remove', '--identity', other]),
        'IDENTITY_NOT_FOUND',
        'No such identity is stored.',
      )
    })

    const byNip = await cli([
      'identities',
      'assign',
      '--identity',
      identity.id,
      '--companies',
      nthNip(1),
    ])
    expect(byNip).toEqual({
      status: 0,
      stderr: '',
      stdout: 'Identity Biuro Rachmistrz assigned to 1 company; it logs in 1 company in all.\n',
    })
    // "all": the companies of the environments the identity works in (Test; not the prod one).
    const all = await cli(['identities', 'assign', '--identity', identity.id, '--companies', 'all'])
    expect(all.stdout).toBe(
      'Identity Biuro Rachmistrz assigned to 2 companies; it logs in 2 companies in all.\n',
    )
    expect((await cli(['identities', 'list'])).stdout).toBe(`${listed}\n  logs in 2 companies\n`)

    const unassigned = await cli([
      'identities',
      'unassign',
      '--identity',
      identity.id,
      '--companies',
      nthNip(2),
    ])
    expect(unassigned.stdout).toBe('Identity Biuro Rachmistrz logs in 1 company.\n')

    await expectNothingChanged(folder.dataDir, async () => {
      expectRefusal(
        await cli(['identities', 'remove', '--identity', identity.id]),
        'IDENTITY_IN_USE',
        '1 company logs in with this identity; confirm the removal to leave them without it.',
      )
    })
    const removed = await cli(['identities', 'remove', '--identity', identity.id, '--force'])
    expect(removed).toEqual({
      status: 0,
      stderr: '',
      stdout: 'Identity Biuro Rachmistrz removed. 1 company no longer has it.\n',
    })
    expect((await cli(['identities', 'list'])).stdout).toMatch(
      /^No identities in .+ yet: ksef-desk identities add --cert FILE --key FILE\n$/,
    )
  })
})
