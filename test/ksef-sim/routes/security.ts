import type { RouteTable, SimulatorCore } from '../core'
import { json } from '../core'
import { formatKsefTimestamp } from '../ksef-time'

export function securityRoutes(core: SimulatorCore): RouteTable {
  return {
    'GET /security/public-key-certificates': {
      handle: () =>
        json(
          200,
          core.publicKeys.current().map((key) => ({
            certificate: key.certificateDer.toString('base64'),
            certificateId: key.certificateId,
            publicKeyId: key.publicKeyId,
            validFrom: formatKsefTimestamp(key.validFromMs),
            validTo: formatKsefTimestamp(key.validToMs),
            usage: [key.usage],
          })),
        ),
    },
  }
}
