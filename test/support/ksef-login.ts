import type { AuthenticationInit, PollOptions } from '../../electron/ksef/auth'
import type { KsefClient } from '../../electron/ksef/client'

/**
 * The end of a login through the bare client, for tests that need KSeF's tokens without the app:
 * KSeF's decision awaited, then the tokens redeemed. The app's own path (with the claim that keeps
 * an operation from being redeemed twice) is electron/auth/auth-operations.ts.
 */
export async function redeemLogin(
  client: KsefClient,
  init: AuthenticationInit | Promise<AuthenticationInit>,
  poll: PollOptions = {},
) {
  const started = await init
  const status = await client.auth.waitForAuthentication(started, poll)
  const tokens = await client.auth.redeemTokens(started.authenticationToken.token)
  return { referenceNumber: started.referenceNumber, status, tokens }
}
