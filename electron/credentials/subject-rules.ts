// The subject rules KSeF applies to a self-signed certificate on Test (REFERENCE §1.1), checked at
// import so that a certificate KSeF would refuse at login (21115) is never stored.
import { AppError } from '../../shared/ipc/errors'
import type { CertificateInfo } from '../crypto/certificates'
import { attributeOids } from '../crypto/subject-names'

type AttributeName = keyof typeof attributeOids

interface SubjectRule {
  kind: 'person' | 'seal'
  required: AttributeName[]
  forbidden: AttributeName[]
}

// A person (TINPL-/PNOPL- serialNumber) is the self-signed twin of a qualified signature, a seal
// (VATPL- organizationIdentifier) of a qualified seal; each refuses the other's name attributes.
const personRule: SubjectRule = {
  kind: 'person',
  required: ['givenName', 'surname', 'serialNumber', 'commonName', 'countryName'],
  forbidden: ['organizationName'],
}
const sealRule: SubjectRule = {
  kind: 'seal',
  required: ['organizationName', 'organizationIdentifier', 'commonName', 'countryName'],
  forbidden: ['givenName', 'surname'],
}

/**
 * Refuses a self-signed certificate whose subject breaks KSeF's rules for its kind, naming the
 * first attribute that is missing (or empty) or that must not be there. A subject that names no
 * NIP or PESEL at all is left to log in by its fingerprint, as KSeF allows.
 */
export function assertSelfSignedSubject(certificate: CertificateInfo): void {
  const identifier = certificate.identifier
  if (!identifier) return
  const rule = identifier.attribute === 'serialNumber' ? personRule : sealRule
  const valueOf = (name: AttributeName) =>
    certificate.subjectAttributes.find((a) => a.oid === attributeOids[name])?.value
  for (const attribute of rule.required) {
    if ((valueOf(attribute) ?? '').trim() === '') {
      throw new AppError(
        'CERT_SUBJECT_ATTRIBUTE_MISSING',
        `A self-signed certificate of a ${rule.kind} must carry the subject attribute ${attribute} (${attributeOids[attribute]}); KSeF refuses it without (21115).`,
        { attribute, oid: attributeOids[attribute], subjectKind: rule.kind },
      )
    }
  }
  for (const attribute of rule.forbidden) {
    if (valueOf(attribute) !== undefined) {
      throw new AppError(
        'CERT_SUBJECT_ATTRIBUTE_FORBIDDEN',
        `A self-signed certificate of a ${rule.kind} must not carry the subject attribute ${attribute} (${attributeOids[attribute]}); KSeF refuses it (21115).`,
        { attribute, oid: attributeOids[attribute], subjectKind: rule.kind },
      )
    }
  }
}
