// Issue 13, "Passing things on", on the command line: a subject's terminal controls are printed
// escaped, text and --json alike, while the signed document goes to stdout byte for byte; a
// request with a DOCTYPE or bytes that are not UTF-8 is not signed.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { commands } from '../../../electron/cli/commands'
import { processIo } from '../../../electron/cli/io'
import { runCli } from '../../../electron/cli/run'
import { buildAuthTokenRequest } from '../../../electron/crypto/auth-token-request'
import { tempFolder } from '../../support/temp-folder'
import { mustRun, write } from '../../support/tools'

const folder = tempFolder('ksef-desk-cli-escape-')
const path = (name: string) => join(folder.path, name)
const evilName = 'Firma\u001b[2J\u001b]0;x\u0007\u202elanigiro'

async function cli(args: string[]) {
  let stdout = ''
  let stderr = ''
  const io = {
    ...processIo(folder.path),
    stdout: (text: string) => void (stdout += text),
    stderr: (text: string) => void (stderr += text),
    env: {},
  }
  const status = await runCli(args, io, commands, '0.0.0-test')
  return { status, stdout, stderr }
}

const request = buildAuthTokenRequest({
  challenge: '20250514-CR-2DFC46C000-3AC6D5877F-D4',
  context: { type: 'Nip', value: '5265877635' },
})

beforeAll(() => {
  mustRun(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      'evil.key',
      '-out',
      'evil.crt',
      '-days',
      '30',
      '-utf8',
      '-subj',
      `/CN=${evilName}/serialNumber=TINPL-5265877635/C=PL`,
    ],
    { cwd: folder.path },
  )
  write(folder.path, 'request.xml', request)
  write(
    folder.path,
    'doctype.xml',
    request.replace('?>\n', '?>\n<!DOCTYPE a SYSTEM "http://example.com/x.dtd">\n'),
  )
  write(
    folder.path,
    'latin2.xml',
    Buffer.from(request.replace('</Challenge>', '</Challenge><!-- Kraków -->'), 'latin1'),
  )
})

afterAll(() => folder.remove())

describe('the CLI prints outside text escaped', () => {
  it('shows a subject with ESC, OSC, BEL and a right-to-left override as escapes', async () => {
    const { status, stdout } = await cli(['inspect', path('evil.crt')])
    expect(status).toBe(0)
    // The subject line escapes the C0 controls as RFC 4514 does, the CLI the right-to-left override.
    expect(stdout).toContain('CN=Firma\\1B[2J\\1B]0\\;x\\07\\u{202e}lanigiro')
    expect(stdout.replace(/\n/g, '')).not.toMatch(/[\p{Cc}\p{Bidi_Control}]/u)
  })

  it('keeps the same value in --json, written as JSON escapes', async () => {
    const { stdout } = await cli(['inspect', path('evil.crt'), '--json'])
    expect(stdout.replace(/\n/g, '')).not.toMatch(/[\p{Cc}\p{Bidi_Control}]/u)
    const parsed = JSON.parse(stdout) as { certificate: { commonName: string } }
    expect(parsed.certificate.commonName).toBe(evilName)
  })

  it('prints the signed request exactly as signed, and it verifies', async () => {
    const { status, stdout } = await cli([
      'sign',
      path('request.xml'),
      '--cert',
      path('evil.crt'),
      '--key',
      path('evil.key'),
    ])
    expect(status).toBe(0)
    write(folder.path, 'signed.xml', stdout)
    const verified = mustRun('xmlsec1', [
      '--verify',
      '--enabled-key-data',
      'x509',
      '--trusted-pem',
      path('evil.crt'),
      '--id-attr:Id',
      'http://uri.etsi.org/01903/v1.3.2#:SignedProperties',
      path('signed.xml'),
    ])
    expect(verified).toBe('')
    expect(readFileSync(path('signed.xml'), 'utf8')).toContain('<ds:X509Certificate>')
  })

  it.each([
    ['doctype.xml', 'XML_DOCTYPE'],
    ['latin2.xml', 'XML_INVALID_UTF8'],
  ])('refuses to sign %s with %s', async (file, code) => {
    const { status, stdout, stderr } = await cli([
      'sign',
      path(file),
      '--cert',
      path('evil.crt'),
      '--key',
      path('evil.key'),
    ])
    expect({ status, stdout }).toEqual({ status: 1, stdout: '' })
    expect(stderr).toMatch(new RegExp(`^error ${code}: `))
  })
})
