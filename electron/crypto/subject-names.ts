// Distinguished names the way the official KSeF client encodes them: one RDN per attribute,
// UTF8String everywhere except countryName and serialNumber, which are PrintableString.
import { AppError } from '../../shared/ipc/errors'
import type { AppErrorCode } from '../../shared/ipc/errors'
import { x509 } from './webcrypto'

export const attributeOids = {
  commonName: '2.5.4.3',
  surname: '2.5.4.4',
  serialNumber: '2.5.4.5',
  countryName: '2.5.4.6',
  organizationName: '2.5.4.10',
  givenName: '2.5.4.42',
  uniqueIdentifier: '2.5.4.45',
  organizationIdentifier: '2.5.4.97',
} as const

export interface SubjectAttribute {
  oid: string
  value: string
}

const printableOids = new Set<string>([attributeOids.countryName, attributeOids.serialNumber])
const printable = /^[A-Za-z0-9 '()+,\-./:=?]*$/

export function subjectName(attributes: SubjectAttribute[], errorCode: AppErrorCode): x509.Name {
  const rdns = attributes.map(({ oid, value }) => {
    if (value.trim() === '')
      throw new AppError(errorCode, `The subject attribute ${oid} is empty.`, { oid })
    if (printableOids.has(oid) && !printable.test(value)) {
      throw new AppError(
        errorCode,
        `The subject attribute ${oid} may hold only plain ASCII letters and digits.`,
        {
          oid,
        },
      )
    }
    return { [oid]: [printableOids.has(oid) ? { printableString: value } : { utf8String: value }] }
  })
  return new x509.Name(rdns)
}
