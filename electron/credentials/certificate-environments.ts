import type { CertificateIssuerKind } from '../../shared/domain/credentials'
import type { Environment } from '../../shared/domain/environment'
import type { CertificateInfo } from '../crypto/certificates'

// KSeF's own CA signs KSeF certificates: "CCK KSeF" in production, "TEST CCK KSeF" in the Test and
// the Demo environment alike (CIRFMF/ksef-api#437, #330 — Demo certificates carry the misleading
// "TEST" name too, so those two cannot be told apart by the issuer). Self-signed certificates are
// accepted by the Test environment only; certificates of other CAs (qualified signatures and
// seals) are accepted everywhere, subject to KSeF's own trust list.
const ksefIssuers: Record<string, readonly Environment[]> = {
  'CCK KSeF': ['Production'],
  'TEST CCK KSeF': ['Test', 'Demo'],
}

export interface CertificateOriginInfo {
  issuerKind: CertificateIssuerKind
  environments: readonly Environment[]
}

export function certificateEnvironments(certificate: CertificateInfo): CertificateOriginInfo {
  if (certificate.selfSigned) return { issuerKind: 'selfSigned', environments: ['Test'] }
  const environments = ksefIssuers[issuerCommonName(certificate.issuer) ?? '']
  if (environments) return { issuerKind: 'ksef', environments }
  return { issuerKind: 'external', environments: ['Test', 'Demo', 'Production'] }
}

/** The CN of a display DN such as "CN=TEST CCK KSeF, OU=…, O=…, C=PL" (values escape commas). */
function issuerCommonName(issuer: string): string | undefined {
  const match = /(?:^|, )CN=((?:\\.|[^,\\])*)/.exec(issuer)
  return match?.[1]?.replace(/\\(.)/g, '$1')
}
