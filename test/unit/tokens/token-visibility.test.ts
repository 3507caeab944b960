import { describe, expect, it } from 'vitest'
import { tokenVisibility, type KsefTokenItem } from '../../../electron/tokens/token-rows'
import type { Company } from '../../../shared/domain/company'
import type { CertificateSummary, TokenSummary } from '../../../shared/domain/credentials'

// What KSeF lets a session see of the context's tokens, inferred: 'all' only on proof.

const company = {
  id: '6f1c2b8e-1b1a-4c1e-9a55-0b6c1f6d2a11',
  identifier: { type: 'Nip', value: '5265877635' },
} as Company

const certificateOf = (type: 'Nip' | 'Pesel', value: string) =>
  ({ subjectIdentifier: { type, value } }) as CertificateSummary

let serial = 0
const by = (type: string, value: string) =>
  ({
    referenceNumber: `20261201-EC-${String(++serial).padStart(10, '0')}-0000000000-00`,
    authorIdentifier: { type, value },
  }) as KsefTokenItem

const person = certificateOf('Pesel', '90010112345')
const otherOffice = certificateOf('Nip', '7762811692')

const visibility = (
  loginCertificate: CertificateSummary | undefined,
  listed: KsefTokenItem[],
  method: 'certificate' | 'signedRequest' = 'certificate',
) => tokenVisibility({ company, method, loginToken: undefined, loginCertificate, listed })

describe('a signature login', () => {
  it("of the company's own NIP sees everything", () => {
    expect(visibility(certificateOf('Nip', '5265877635'), [])).toBe('all')
  })

  it('shown only its own tokens is told it may see no more', () => {
    expect(visibility(person, [by('Pesel', '90010112345')])).toBe('ownOnly')
    expect(visibility(person, [])).toBe('ownOnly')
  })

  it('shown the NIP its PESEL may be linked to proves nothing (KSeF counts the link as one author)', () => {
    expect(visibility(person, [by('Nip', '1111111111'), by('Pesel', '90010112345')])).toBe(
      'ownOnly',
    )
    expect(visibility(otherOffice, [by('Pesel', '80010112345'), by('Pesel', '70010112345')])).toBe(
      'ownOnly',
    )
  })

  it("shown a token of the company's own NIP sees everything: only its owner authors those", () => {
    expect(visibility(person, [by('Nip', '5265877635')])).toBe('all')
    expect(visibility(undefined, [by('Nip', '5265877635')], 'signedRequest')).toBe('all')
  })

  it('shown a token no link explains sees everything', () => {
    expect(visibility(person, [by('Pesel', '80010112345')])).toBe('all')
    expect(visibility(person, [by('Nip', '1111111111'), by('Nip', '2222222222')])).toBe('all')
    expect(visibility(otherOffice, [by('Nip', '5265877635')])).toBe('all')
    expect(visibility(otherOffice, [by('Fingerprint', 'AB12')])).toBe('all')
  })

  it('by a signed request (signer unknown) needs two authors no one subject could be', () => {
    expect(visibility(undefined, [by('Nip', '1111111111')], 'signedRequest')).toBe('ownOnly')
    expect(
      visibility(undefined, [by('Nip', '1111111111'), by('Nip', '2222222222')], 'signedRequest'),
    ).toBe('all')
  })
})

describe('a token login', () => {
  const token = (permissions: TokenSummary['permissions']) => ({ permissions }) as TokenSummary
  const of = (loginToken: TokenSummary | undefined, listed: KsefTokenItem[]) =>
    tokenVisibility({ company, method: 'token', loginToken, loginCertificate: undefined, listed })

  it('sees only its token unless it holds CredentialsRead or is shown a second token', () => {
    expect(of(token(['InvoiceRead']), [by('Nip', '5265877635')])).toBe('sessionToken')
    expect(of(token(['CredentialsRead']), [])).toBe('all')
    expect(of(undefined, [by('Nip', '5265877635'), by('Nip', '5265877635')])).toBe('all')
  })
})
