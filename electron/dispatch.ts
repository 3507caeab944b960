import type { z } from 'zod'
import {
  AppError,
  AppErrorCode,
  AppErrorDetails,
  isAppError,
  type Envelope,
} from '../shared/ipc/errors'
import { contract, isChannel } from '../shared/ipc/contract'
import { auditCall } from './audit/audited-calls'
import type { HandlerContext, Handlers } from './handlers/context'
import { ksefCallScope } from './ksef/rate-limiter'

export type Dispatch = (channel: string, rawInput: unknown) => Promise<Envelope<unknown>>

const failure = (error: AppError): Envelope<never> => ({ ok: false, error: error.toPayload() })

/**
 * The one way into main, whatever the transport: parse the input with the channel's schema (a
 * handler never sees malformed input), run the handler, parse its output (a handler that returns
 * something off-contract is a reported bug, never a silent pass), wrap the outcome in an envelope.
 * A credential action (audited-calls.ts) is recorded in the audit log here, done or refused.
 */
export function createDispatch(handlers: Handlers, ctx: HandlerContext): Dispatch {
  return async (channel, rawInput) => {
    if (!isChannel(channel)) {
      return failure(new AppError('UNKNOWN_CHANNEL', `There is no channel "${channel}".`))
    }
    const spec = contract[channel]
    const input = spec.input.safeParse(rawInput)
    if (!input.success) {
      const named = namedRefusal(input.error.issues)
      if (named) return failure(named)
      return failure(
        new AppError('INVALID_INPUT', `The request to ${channel} is malformed.`, {
          channel,
          issues: input.error.issues.map((issue) => ({
            path: issue.path.join('.'),
            message: issue.message,
          })),
        }),
      )
    }
    const audited = auditCall(ctx.audit, channel, input.data)
    const refused = async (error: AppError) => {
      await audited?.({ ok: false, error })
      return failure(error)
    }
    let value: unknown
    try {
      const handler = handlers[channel] as (input: unknown, ctx: HandlerContext) => Promise<unknown>
      // The user's click: KSeF calls it makes, and the work it leaves running, are counted in
      // the company's context and go before bulk work in the rate limiter.
      value = await ksefCallScope.run(
        { companyId: companyIdOf(input.data), priority: 'user' },
        () => handler(input.data, ctx),
      )
    } catch (error) {
      if (isAppError(error)) return refused(error)
      // The error's name and where it was thrown, never its message or the object: library errors
      // (axios) carry request headers with bearer tokens, and messages may quote input.
      ctx.log.error('handler failed', {
        channel,
        error: error instanceof Error ? error.name : 'non-error thrown',
        at: error instanceof Error ? thrownAt(error) : '',
      })
      return refused(new AppError('INTERNAL', `Something went wrong in ${channel}.`, { channel }))
    }
    const output = spec.output.safeParse(value)
    if (!output.success) {
      ctx.log.error('handler output off contract', {
        channel,
        issue: output.error.issues[0]?.message ?? '',
      })
      return refused(
        new AppError('INVALID_OUTPUT', `The answer of ${channel} does not match the contract.`, {
          channel,
        }),
      )
    }
    await audited?.({ ok: true, value: output.data })
    return { ok: true, value: output.data }
  }
}

const companyIdOf = (input: unknown): string | undefined =>
  typeof input === 'object' &&
  input !== null &&
  'companyId' in input &&
  typeof input.companyId === 'string'
    ? input.companyId
    : undefined

/**
 * A refusal the schema names itself (a custom issue with params.appErrorCode, as FilePayload's
 * size limit): an input the user chose, not a malformed request, so it keeps its own code.
 */
function namedRefusal(issues: readonly z.core.$ZodIssue[]): AppError | null {
  for (const issue of issues) {
    if (issue.code !== 'custom') continue
    const code = AppErrorCode.safeParse(issue.params?.['appErrorCode'])
    const details = AppErrorDetails.safeParse(issue.params?.['details'])
    if (code.success) return new AppError(code.data, issue.message, details.data)
  }
  return null
}

/** The first stack frame below the message: enough to find the bug, nothing of the data. */
function thrownAt(error: Error): string {
  return (
    error.stack
      ?.split('\n')
      .find((line) => line.trimStart().startsWith('at '))
      ?.trim() ?? ''
  )
}
