import { loginCertificateOf } from '../../shared/domain/identities'
import { requireCompany } from './company-lookup'
import type { Handler } from './context'

export const identityHandlers: {
  'identities:list': Handler<'identities:list'>
  'identities:import': Handler<'identities:import'>
  'identities:remove': Handler<'identities:remove'>
  'identities:assign': Handler<'identities:assign'>
  'identities:unassign': Handler<'identities:unassign'>
  'identities:renew': Handler<'identities:renew'>
  'identities:forCompany': Handler<'identities:forCompany'>
} = {
  'identities:list': (_input, ctx) => Promise.resolve(ctx.identities.list()),

  'identities:import': ({ files, password }, ctx) => ctx.identities.import({ ...files, password }),

  'identities:remove': ({ identityId, force }, ctx) => ctx.identities.remove(identityId, force),

  'identities:assign': ({ identityId, companyIds }, ctx) =>
    Promise.resolve(ctx.identities.assign(identityId, companyIds)),

  'identities:unassign': ({ identityId, companyIds }, ctx) =>
    Promise.resolve(ctx.identities.unassign(identityId, companyIds)),

  'identities:renew': ({ identityId, files, password }, ctx) =>
    ctx.identities.renew(identityId, { ...files, password }),

  'identities:forCompany': ({ companyId }, ctx) => {
    requireCompany(ctx, companyId)
    const identity = ctx.identities.list().find((i) => i.companyIds.includes(companyId)) ?? null
    return Promise.resolve({
      loginCertificate: loginCertificateOf(
        companyId,
        ctx.credentials.certificates(companyId),
        identity ?? undefined,
        ctx.clock.now(),
      ),
      identity,
    })
  },
}
