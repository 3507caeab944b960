import { X509Certificate, createHash, generateKeyPairSync } from 'node:crypto'
import type { SimulatorCore } from './core'
import {
  certificateFingerprint,
  enrollmentDataToName,
  readCertificateSubject,
  enrollmentDataAttributes,
} from './certificate-subject'
import type { ContextIdentifier, SubjectIdentifier } from './identifiers'
import { contextKey, subjectKey } from './identifiers'
import { grantPermissions, permissionsInContext, revokePermissions } from './permissions'
import type { PublicKeyUsage } from './public-key-certificates'
import { newCertificateSerialNumber, newReferenceNumber } from './reference-numbers'
import {
  enrollmentFailure,
  registerCertificate,
  type EnrollmentFailureCode,
} from './routes/certificates'
import { createKsefToken } from './routes/tokens'
import type {
  AuthenticationMethod,
  CertificateType,
  EnrollmentData,
  KsefTokenStatus,
  RevocationReason,
  SubjectLimits,
  TokenPermission,
} from './state'

export interface SeededPublicKey {
  usage: PublicKeyUsage
  certificatePem: string
  publicKeyPem: string
  publicKeyId: string
  certificateId: string
}

export interface IssuedCertificateFiles {
  certificatePem: string
  privateKeyPem: string
  serialNumber: string
}

export interface OpenedSession {
  referenceNumber: string
  accessToken: string
  refreshToken: string
}

/** Arranges the simulated KSeF's data directly, without going through the API. */
export interface SimulatorSeed {
  /** PEM of this instance's CA ("TEST CCK KSeF" or "CCK KSeF"); a new key every instance. */
  readonly caCertificatePem: string
  /** The MF encryption keys currently published by GET /security/public-key-certificates. */
  readonly publicKeyCertificates: readonly SeededPublicKey[]
  /** Replaces the published key(s); the old publicKeyId then gets 21470. */
  rotatePublicKeys(usage?: PublicKeyUsage): Promise<void>
  grantPermission(options: {
    context: ContextIdentifier
    subject: SubjectIdentifier
    permissions: TokenPermission[]
  }): void
  revokePermission(options: {
    context: ContextIdentifier
    subject: SubjectIdentifier
    permissions?: TokenPermission[]
  }): void
  /** A NIP–PESEL link, as POST /testdata/person makes: the PESEL owns the NIP's context. */
  linkPerson(options: {
    nip: string
    pesel: string
    isBailiff?: boolean
    isDeceased?: boolean
  }): void
  /** A KSeF token, Active by default; `status` pins another state (it stays there). */
  createToken(options: {
    context: ContextIdentifier
    permissions: TokenPermission[]
    author?: SubjectIdentifier
    description?: string
    status?: KsefTokenStatus
  }): { token: string; referenceNumber: string }
  revokeToken(referenceNumber: string): void
  /** A KSeF certificate from this instance's CA, as if enrolled and issued (key made here). */
  issueCertificate(options: {
    subject: EnrollmentData
    type?: CertificateType
    /** EC P-256 (default) or RSA 2048; either case. */
    keyType?: 'EC' | 'RSA' | 'ec' | 'rsa'
    validFrom?: Date
    validTo?: Date
    name?: string
    /** Whose certificate it is; by default read from the subject (TINPL/PNOPL/VATPL). */
    owner?: SubjectIdentifier
  }): Promise<IssuedCertificateFiles>
  revokeCertificate(serialNumber: string, reason?: RevocationReason): void
  blockContext(context: ContextIdentifier): void
  unblockContext(context: ContextIdentifier): void
  setSubjectLimits(subject: SubjectIdentifier, limits: Partial<SubjectLimits>): void
  /**
   * The next enrollment accepted (202) ends in this status instead of being issued: 400
   * (rejected; by default "public key already certified"), 500 (unknown error) or 550
   * (cancelled by the system). Each call pins one enrollment, in order.
   */
  endNextEnrollment(code: EnrollmentFailureCode, details?: string[]): void
  /**
   * A redeemed session without the authentication dance: `via: 'signature'` (default) behaves
   * like a XAdES login (certificate endpoints allowed), `via: 'token'` like a KSeF-token login.
   */
  openSession(options: {
    context: ContextIdentifier
    subject?: SubjectIdentifier
    via?: 'signature' | 'token'
    permissions?: TokenPermission[]
    enrollmentData?: EnrollmentData
  }): OpenedSession
}

function defaultSubject(context: ContextIdentifier): SubjectIdentifier {
  return { type: 'Nip', value: context.value.slice(0, 10) }
}

function defaultEnrollmentData(subject: SubjectIdentifier): EnrollmentData {
  if (subject.type === 'Fingerprint')
    return { commonName: `Certyfikat ${subject.value.slice(0, 8)}`, countryName: 'PL' }
  const prefix = subject.type === 'Nip' ? 'TINPL' : 'PNOPL'
  return {
    commonName: 'Jan Testowy',
    countryName: 'PL',
    givenName: 'Jan',
    surname: 'Testowy',
    serialNumber: `${prefix}-${subject.value}`,
  }
}

export function createSeed(core: SimulatorCore): SimulatorSeed {
  const { state } = core
  const seed: SimulatorSeed = {
    get caCertificatePem() {
      return core.authority.certificatePem
    },
    get publicKeyCertificates() {
      return core.publicKeys.current().map((key) => ({
        usage: key.usage,
        certificatePem: key.certificatePem,
        publicKeyPem: key.publicKeyPem,
        publicKeyId: key.publicKeyId,
        certificateId: key.certificateId,
      }))
    },
    async rotatePublicKeys(usage) {
      const usages: PublicKeyUsage[] = usage
        ? [usage]
        : ['KsefTokenEncryption', 'SymmetricKeyEncryption']
      for (const each of usages) await core.publicKeys.generate(each, core.clock.now())
    },
    grantPermission({ context, subject, permissions }) {
      grantPermissions(state, context, subject, permissions)
    },
    revokePermission({ context, subject, permissions }) {
      revokePermissions(state, context, subject, permissions)
    },
    linkPerson({ nip, pesel, isBailiff = false, isDeceased = false }) {
      state.persons.set(pesel, {
        nip,
        pesel,
        isBailiff,
        isDeceased,
        description: 'Osoba z symulatora',
      })
    },
    createToken({ context, permissions, author, description, status = 'Active' }) {
      const now = core.clock.now()
      const token = createKsefToken(state, {
        context,
        author: author ?? defaultSubject(context),
        description: description ?? 'Token utworzony przez symulator',
        permissions,
        nowMs: now,
        activeFromMs: status === 'Pending' ? Number.POSITIVE_INFINITY : now,
      })
      if (status === 'Failed') token.failed = true
      if (status === 'Revoking' || status === 'Revoked') {
        token.revokingFromMs = now
        token.revokedFromMs = status === 'Revoked' ? now : Number.POSITIVE_INFINITY
      }
      return { token: token.secret, referenceNumber: token.referenceNumber }
    },
    revokeToken(referenceNumber) {
      const token = state.tokens.get(referenceNumber)
      if (!token) throw new Error(`No KSeF token ${referenceNumber}`)
      const now = core.clock.now()
      token.revokingFromMs = now
      token.revokedFromMs = now
    },
    async issueCertificate({
      subject,
      type = 'Authentication',
      keyType = 'EC',
      validFrom,
      validTo,
      name,
      owner,
    }) {
      const { publicKey, privateKey } =
        keyType.toUpperCase() === 'EC'
          ? generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
          : generateKeyPairSync('rsa', { modulusLength: 2048 })
      const now = core.clock.now()
      const validFromMs = validFrom?.getTime() ?? now
      const validToDate = new Date(validFromMs)
      validToDate.setUTCFullYear(validToDate.getUTCFullYear() + 2)
      const validToMs = validTo?.getTime() ?? validToDate.getTime()
      const serialNumber = newCertificateSerialNumber()
      const spki = publicKey.export({ type: 'spki', format: 'der' })
      const der = await core.authority.issue({
        subject: enrollmentDataToName(subject),
        publicKey: spki,
        notBefore: new Date(validFromMs),
        notAfter: new Date(validToMs),
        keyUsage: type === 'Authentication' ? 'digitalSignature' : 'nonRepudiation',
        serialNumber,
      })
      const read = readCertificateSubject(enrollmentDataAttributes(subject))
      registerCertificate(state, {
        serialNumber,
        name: name ?? `Certyfikat ${serialNumber}`,
        type,
        der,
        subject: owner ??
          read.identifier ?? { type: 'Fingerprint', value: certificateFingerprint(der) },
        commonName: subject.commonName,
        validFromMs,
        validToMs,
        requestMs: now,
        publicKeySha256: createHash('sha256').update(spki).digest('hex'),
      })
      return {
        certificatePem: new X509Certificate(der).toString(),
        privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        serialNumber,
      }
    },
    revokeCertificate(serialNumber, reason = 'Unspecified') {
      const certificate = state.certificates.get(serialNumber)
      if (!certificate) throw new Error(`No certificate ${serialNumber}`)
      const now = core.clock.now()
      certificate.revocationReason = reason
      certificate.revokingFromMs = now
      certificate.revokedFromMs = now
    },
    blockContext(context) {
      state.blockedContexts.add(contextKey(context))
    },
    unblockContext(context) {
      state.blockedContexts.delete(contextKey(context))
    },
    setSubjectLimits(subject, limits) {
      state.subjectLimitOverrides.set(subjectKey(subject), {
        ...state.subjectLimitOverrides.get(subjectKey(subject)),
        ...limits,
      })
    },
    endNextEnrollment(code, details) {
      state.enrollmentEndings.push(enrollmentFailure(code, details))
    },
    openSession({ context, subject, via = 'signature', permissions, enrollmentData }) {
      const now = core.clock.now()
      const who = subject ?? defaultSubject(context)
      const granted = permissions ?? permissionsInContext(state, who, context)
      const referenceNumber = newReferenceNumber('AU', now)
      let method: AuthenticationMethod = 'QualifiedSignature'
      let ksefTokenReference: string | undefined
      if (via === 'token') {
        method = 'Token'
        ksefTokenReference = seed.createToken({
          context,
          permissions: granted,
          author: who,
        }).referenceNumber
      }
      const refreshTokenValidUntilMs = now + core.config.refreshTokenLifetimeMs
      state.authOperations.set(referenceNumber, {
        referenceNumber,
        startMs: now,
        context,
        method,
        subject: who,
        ...(ksefTokenReference ? { ksefTokenReference } : {}),
        ...(via === 'signature'
          ? {
              certificate: {
                der: Buffer.alloc(0),
                fingerprint: '',
                notBeforeMs: now,
                notAfterMs: now,
                untrustedChain: false,
                enrollmentData: enrollmentData ?? defaultEnrollmentData(who),
              },
            }
          : {}),
        outcome: { code: 200, description: 'Uwierzytelnianie zakończone sukcesem' },
        permissions: granted,
        redeemedMs: now,
        refreshTokenValidUntilMs,
        revoked: false,
      })
      const accessToken = core.bearerTokens.issue('access', {
        authReference: referenceNumber,
        nowMs: now,
        validUntilMs: now + core.config.accessTokenLifetimeMs,
        context,
        permissions: granted,
      })
      const refreshToken = core.bearerTokens.issue('refresh', {
        authReference: referenceNumber,
        nowMs: now,
        validUntilMs: refreshTokenValidUntilMs,
        context,
      })
      return { referenceNumber, accessToken, refreshToken }
    },
  }
  return seed
}
