// The channel and event names alone, without their schemas: the preload checks against these
// and stays free of zod. contract.ts must give every name here a schema (checked by the compiler).

export const channelNames = [
  'app:status',
  'app:dismissNotice',
  'app:resetSecrets',
  'preferences:get',
  'preferences:update',
  'companies:list',
  'companies:add',
  'companies:update',
  'companies:remove',
  'companies:overview',
  'companies:importPreview',
  'companies:import',
  'companies:exportCsv',
  'companies:csvTemplate',
  'certificates:list',
  'certificates:import',
  'certificates:createTest',
  'certificates:setDefault',
  'certificates:remove',
  'certificates:publicKeys',
  'certificates:limits',
  'certificates:enroll',
  'certificates:enrollmentStatus',
  'certificates:retrieve',
  'certificates:forgetEnrollment',
  'certificates:renew',
  'certificates:listing',
  'certificates:revoke',
  'certificates:export',
  'certificates:offlineCheck',
  'tokens:list',
  'tokens:add',
  'tokens:setDefault',
  'tokens:remove',
  'tokens:ksefList',
  'tokens:generate',
  'tokens:reveal',
  'tokens:status',
  'tokens:revoke',
  'tokens:check',
  'tokens:policy',
  'auth:state',
  'auth:loginWithCertificate',
  'auth:loginWithToken',
  'auth:downloadRequest',
  'auth:submitSignedRequest',
  'auth:checkStatus',
  'auth:redeem',
  'auth:setAutoMode',
  'auth:logout',
  'auth:sessions',
  'auth:revokeSession',
] as const

export const eventNames = [
  'companies:changed',
  'auth:progress',
  'auth:changed',
  'certificates:progress',
  'certificates:changed',
  'tokens:changed',
  'files:download',
] as const

export type Channel = (typeof channelNames)[number]
export type EventName = (typeof eventNames)[number]

/** Electron IPC channel name that carries a push event. */
export const eventChannel = (event: EventName): string => `event:${event}`
