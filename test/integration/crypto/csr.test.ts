import { afterAll, describe, expect, it } from 'vitest'
import { createCsr } from '../../../electron/crypto/csr'
import { tempFolder } from '../../support/temp-folder'
import { mustRun, run, write } from '../../support/tools'

const folder = tempFolder('ksef-desk-csr-')
afterAll(() => folder.remove())

/** [attribute, ASN.1 string type, value] for each subject attribute, from openssl asn1parse. */
function subjectAsParsedByOpenssl(file: string): [string, string, string][] {
  const lines = mustRun('openssl', ['asn1parse', '-inform', 'DER', '-in', file]).split('\n')
  const attributes: [string, string, string][] = []
  for (let i = 0; i < lines.length - 1; i++) {
    const oid = /prim: OBJECT\s+:(\S+)/.exec(lines[i] ?? '')
    const value = /prim: (UTF8STRING|PRINTABLESTRING)\s+:(.*)$/.exec(lines[i + 1] ?? '')
    if (oid?.[1] && value?.[1]) attributes.push([oid[1], value[1], value[2] ?? ''])
  }
  return attributes
}

describe('CSRs checked by openssl', () => {
  it.each(['ec', 'rsa'] as const)(
    'verifies an %s CSR and its person subject attribute by attribute',
    async (keyType) => {
      const data = {
        commonName: 'Łucja Kowalska-Nowak',
        countryName: 'PL',
        givenName: ['Łucja', 'Maria'],
        surname: 'Kowalska-Nowak',
        serialNumber: 'PNOPL-90010112345',
        uniqueIdentifier: null,
        organizationName: null,
        organizationIdentifier: null,
      }
      const { csr } = await createCsr(data, { keyType })
      const file = write(folder.path, `person-${keyType}.csr`, csr)
      const verified = run('openssl', ['req', '-inform', 'DER', '-in', file, '-verify', '-noout'])
      expect(verified.status).toBe(0)
      expect(verified.stdout + verified.stderr).toMatch(/verify OK/)
      expect(subjectAsParsedByOpenssl(file)).toEqual([
        ['commonName', 'UTF8STRING', 'Łucja Kowalska-Nowak'],
        ['surname', 'UTF8STRING', 'Kowalska-Nowak'],
        ['givenName', 'UTF8STRING', 'Łucja'],
        ['givenName', 'UTF8STRING', 'Maria'],
        ['countryName', 'PRINTABLESTRING', 'PL'],
        ['serialNumber', 'PRINTABLESTRING', 'PNOPL-90010112345'],
      ])
      const text = mustRun('openssl', ['req', '-inform', 'DER', '-in', file, '-noout', '-text'])
      expect(text).toMatch(keyType === 'ec' ? /ASN1 OID: prime256v1/ : /Public-Key: \(2048 bit\)/)
    },
  )

  it('verifies a seal CSR', async () => {
    const { csr } = await createCsr({
      commonName: 'Firma Sp. z o.o.',
      countryName: 'PL',
      organizationName: 'Firma Sp. z o.o.',
      organizationIdentifier: 'VATPL-5265877635',
      uniqueIdentifier: 'KSeF-42',
    })
    const file = write(folder.path, 'seal.csr', csr)
    expect(run('openssl', ['req', '-inform', 'DER', '-in', file, '-verify', '-noout']).status).toBe(
      0,
    )
    expect(subjectAsParsedByOpenssl(file)).toEqual([
      ['commonName', 'UTF8STRING', 'Firma Sp. z o.o.'],
      ['organizationName', 'UTF8STRING', 'Firma Sp. z o.o.'],
      ['organizationIdentifier', 'UTF8STRING', 'VATPL-5265877635'],
      ['countryName', 'PRINTABLESTRING', 'PL'],
      ['x500UniqueIdentifier', 'UTF8STRING', 'KSeF-42'],
    ])
  })
})
