import { certificateStatusBarsLogin } from '../../shared/domain/credentials'
import { AppError } from '../../shared/ipc/errors'
import {
  checkCertificateForCompany,
  companyNip,
  loadCertificateFiles,
  storeCertificate,
} from '../credentials/certificate-import'
import { readCertificate } from '../crypto/certificates'
import { createTestCertificate } from '../crypto/test-certificates'
import { certificateKeySecret } from '../vault/secret-store'
import { requireCompany } from './company-lookup'
import type { Handler, HandlerContext } from './context'

const stores = (ctx: HandlerContext) => ({
  credentials: ctx.credentials,
  certificateFiles: ctx.certificateFiles,
  secrets: ctx.secrets,
  clock: ctx.clock,
})

// X.509 caps organizationName and commonName at 64 characters.
const x509Name = (name: string): string => name.slice(0, 64)

export const certificateHandlers: {
  'certificates:list': Handler<'certificates:list'>
  'certificates:import': Handler<'certificates:import'>
  'certificates:createTest': Handler<'certificates:createTest'>
  'certificates:setDefault': Handler<'certificates:setDefault'>
  'certificates:remove': Handler<'certificates:remove'>
} = {
  'certificates:list': ({ companyId }, ctx) => {
    requireCompany(ctx, companyId)
    return Promise.resolve(ctx.credentials.certificates(companyId))
  },

  'certificates:import': async (
    { companyId, files, password, allowOtherSubject, makeDefault },
    ctx,
  ) => {
    const company = requireCompany(ctx, companyId)
    const credential = await loadCertificateFiles({ ...files, password })
    const summary = checkCertificateForCompany(credential.certificate, {
      company,
      clock: ctx.clock,
      allowOtherSubject,
      existing: ctx.credentials.certificates(companyId),
    })
    const stored = await storeCertificate(stores(ctx), summary, credential, 'imported', makeDefault)
    ctx.log.info('certificate imported', { companyId, certificateId: stored.id, kind: stored.kind })
    return stored
  },

  'certificates:createTest': async ({ companyId, makeDefault }, ctx) => {
    const company = requireCompany(ctx, companyId)
    if (company.environment !== 'Test') {
      throw new AppError(
        'CERT_TEST_ONLY_ON_TEST',
        'A self-signed test certificate works only in the KSeF Test environment.',
        { companyEnvironment: company.environment },
      )
    }
    const created = await createTestCertificate(
      { kind: 'seal', organizationName: x509Name(company.name), nip: companyNip(company) },
      { usage: 'Authentication', clock: ctx.clock },
    )
    const certificate = readCertificate(created.certificate)
    const summary = checkCertificateForCompany(certificate, {
      company,
      clock: ctx.clock,
      allowOtherSubject: false,
      existing: ctx.credentials.certificates(companyId),
    })
    const stored = await storeCertificate(
      stores(ctx),
      summary,
      { certificate, privateKey: created.privateKey },
      'testCertificate',
      makeDefault,
    )
    ctx.log.info('test certificate created', { companyId, certificateId: stored.id })
    return stored
  },

  // Domyślny: one KSeF reports revoked, blocked or expired would only be refused at the next login.
  'certificates:setDefault': ({ companyId, certificateId }, ctx) => {
    requireCompany(ctx, companyId)
    const certificate = ctx.credentials.certificate(companyId, certificateId)
    if (!certificate) {
      throw new AppError('CERT_NOT_FOUND', 'This certificate is no longer stored for the company.')
    }
    if (certificateStatusBarsLogin(certificate.ksefStatus)) {
      throw new AppError(
        'CERT_REVOKED',
        `KSeF reports this certificate as ${certificate.ksefStatus ?? ''}: it cannot be used, so it cannot be the default. Request a new certificate or choose another default.`,
        { ksefStatus: certificate.ksefStatus },
      )
    }
    ctx.credentials.setDefaultCertificate(companyId, certificateId)
    return Promise.resolve(ctx.credentials.certificates(companyId))
  },

  // The key goes first: a certificate without its key is useless, a key without its record is a leak.
  'certificates:remove': async ({ companyId, certificateId }, ctx) => {
    requireCompany(ctx, companyId)
    if (!ctx.credentials.certificate(companyId, certificateId)) {
      throw new AppError('CERT_NOT_FOUND', 'This certificate is no longer stored for the company.')
    }
    await ctx.secrets.delete(certificateKeySecret(companyId, certificateId))
    await ctx.certificateFiles.remove(certificateId)
    ctx.credentials.removeCertificate(companyId, certificateId)
    ctx.log.info('certificate removed', { companyId, certificateId })
    return ctx.credentials.certificates(companyId)
  },
}
