import type { Handler } from './context'

// Tab Ogólne. Each handler hands over to the LoginService, which keeps every token in main.
export const authHandlers: {
  'auth:state': Handler<'auth:state'>
  'auth:loginWithCertificate': Handler<'auth:loginWithCertificate'>
  'auth:loginWithToken': Handler<'auth:loginWithToken'>
  'auth:downloadRequest': Handler<'auth:downloadRequest'>
  'auth:submitSignedRequest': Handler<'auth:submitSignedRequest'>
  'auth:checkStatus': Handler<'auth:checkStatus'>
  'auth:redeem': Handler<'auth:redeem'>
  'auth:setAutoMode': Handler<'auth:setAutoMode'>
  'auth:logout': Handler<'auth:logout'>
  'auth:sessions': Handler<'auth:sessions'>
  'auth:revokeSession': Handler<'auth:revokeSession'>
  'auth:clearFinished': Handler<'auth:clearFinished'>
} = {
  'auth:state': ({ companyId }, ctx) => Promise.resolve(ctx.login.currentState(companyId)),
  'auth:loginWithCertificate': ({ companyId }, ctx) => ctx.login.loginWithCertificate(companyId),
  'auth:loginWithToken': ({ companyId }, ctx) => ctx.login.loginWithToken(companyId),
  'auth:downloadRequest': ({ companyId }, ctx) => ctx.login.downloadRequest(companyId),
  'auth:submitSignedRequest': ({ companyId, file }, ctx) =>
    ctx.login.submitSignedRequest(companyId, file),
  'auth:checkStatus': ({ companyId, referenceNumber }, ctx) =>
    ctx.login.checkStatus(companyId, referenceNumber),
  'auth:redeem': ({ companyId, referenceNumber }, ctx) =>
    ctx.login.redeem(companyId, referenceNumber),
  'auth:setAutoMode': ({ companyId, enabled }, ctx) =>
    Promise.resolve(ctx.login.setAutoMode(companyId, enabled)),
  'auth:logout': ({ companyId }, ctx) => ctx.login.logout(companyId),
  'auth:sessions': ({ companyId }, ctx) => ctx.login.sessions(companyId),
  'auth:revokeSession': ({ companyId, referenceNumber }, ctx) =>
    ctx.login.revokeSession(companyId, referenceNumber),
  'auth:clearFinished': ({ companyId }, ctx) => ctx.login.clearFinished(companyId),
}
