// Error codes of bulk work (the Pulpit's selection actions, `ksef-desk bulk`): refusals of a job
// before anything is sent, and of its Anuluj. A company's own failure inside a job keeps the code
// the single action would have given (KSEF_AUTH_FAILED with its status, CERT_EXPIRED …).
import { z } from 'zod'
import { Count, Text, type DetailsSchema } from './details'

export const bulkErrorCodes = [
  'BULK_NO_COMPANIES', // the selection (ids, all, a filter of the Pulpit) holds no company
  'BULK_COMPANIES_IN_JOB', // companies of the selection are in a job still running
  'BULK_JOB_NOT_FOUND', // no such job is kept (never started, or older than the jobs kept)
  'BULK_JOB_FINISHED', // Anuluj of a job that has ended already
  'BULK_WRITE_FAILED', // a job's results could not be written to the data folder (kept in memory)
  'BULK_IDENTITY_RENEWED_ELSEWHERE', // the shared identity was renewed in this job for another company, and that failed
] as const

export type BulkErrorCode = (typeof bulkErrorCodes)[number]

/** The details of each bulk code, exactly: a field not listed here is not sent. */
export const bulkErrorDetails = {
  BULK_NO_COMPANIES: z.object({}),
  // jobId: the running job that holds them; count: how many of the selection it holds.
  BULK_COMPANIES_IN_JOB: z.object({ jobId: Text, count: Count }),
  BULK_JOB_NOT_FOUND: z.object({ jobId: Text }),
  BULK_JOB_FINISHED: z.object({ jobId: Text, state: Text }),
  // The file system's code (ENOSPC, EACCES).
  BULK_WRITE_FAILED: z.object({ cause: Text }),
  // companyName: the company whose row renewed the identity and failed.
  BULK_IDENTITY_RENEWED_ELSEWHERE: z.object({ identityName: Text, companyName: Text }),
} satisfies Record<BulkErrorCode, DetailsSchema>
