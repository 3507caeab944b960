import type { Handler } from './context'

export const ksefCertificateHandlers: {
  'certificates:publicKeys': Handler<'certificates:publicKeys'>
  'certificates:limits': Handler<'certificates:limits'>
  'certificates:enroll': Handler<'certificates:enroll'>
  'certificates:enrollmentStatus': Handler<'certificates:enrollmentStatus'>
  'certificates:retrieve': Handler<'certificates:retrieve'>
  'certificates:forgetEnrollment': Handler<'certificates:forgetEnrollment'>
  'certificates:renew': Handler<'certificates:renew'>
  'certificates:listing': Handler<'certificates:listing'>
  'certificates:revoke': Handler<'certificates:revoke'>
  'certificates:export': Handler<'certificates:export'>
  'certificates:offlineCheck': Handler<'certificates:offlineCheck'>
} = {
  'certificates:publicKeys': ({ environment, refresh }, ctx) =>
    ctx.certificateLifecycle.publicKeys(environment, refresh),
  'certificates:limits': ({ companyId }, ctx) => ctx.certificateLifecycle.limits(companyId),
  'certificates:enroll': ({ companyId, draft, wait }, ctx) =>
    ctx.certificateLifecycle.enroll(companyId, draft, wait),
  'certificates:enrollmentStatus': ({ companyId, enrollmentId }, ctx) =>
    ctx.certificateLifecycle.enrollmentStatus(companyId, enrollmentId),
  'certificates:retrieve': ({ companyId, enrollmentId }, ctx) =>
    ctx.certificateLifecycle.retrieve(companyId, enrollmentId),
  'certificates:forgetEnrollment': ({ companyId, enrollmentId }, ctx) =>
    ctx.certificateLifecycle.forgetEnrollment(companyId, enrollmentId),
  'certificates:renew': ({ companyId, certificateId, wait }, ctx) =>
    ctx.certificateLifecycle.renew(companyId, certificateId, wait),
  'certificates:listing': ({ companyId, fromKsef }, ctx) =>
    ctx.certificateLifecycle.listing(companyId, fromKsef),
  'certificates:revoke': ({ companyId, serialNumber, reason }, ctx) =>
    ctx.certificateLifecycle.revoke(companyId, serialNumber, reason),
  'certificates:export': ({ companyId, certificateId, format, password }, ctx) =>
    ctx.certificateExport.export({ companyId, certificateId, format, password }),
  'certificates:offlineCheck': ({ companyId, certificateId }, ctx) =>
    ctx.offlineCheck.check(companyId, certificateId),
}
