import { create } from 'zustand'
import type {
  BulkActionInput,
  BulkJobSummary,
  BulkProgress,
  BulkRow,
  BulkSelection,
} from '../../../shared/domain/bulk'
import { api } from '../api'

interface JobsState {
  /** Every job main keeps, newest first. */
  jobs: BulkJobSummary[]
  /** The job shown in Zadania. */
  openId: string | undefined
  /** The rows of the jobs fetched so far, by job, in the job's order; pushes are merged in. */
  rows: Record<string, BulkRow[]>
  error: unknown
  load: () => Promise<void>
  open: (jobId: string) => Promise<void>
  start: (action: BulkActionInput, selection: BulkSelection) => Promise<BulkJobSummary>
  cancel: (jobId: string) => Promise<void>
  exportCsv: (jobId: string) => Promise<void>
  /** A bulk:progress push: the job's head replaced, its changed rows merged by company. */
  progress: (push: BulkProgress) => void
}

const withSummary = (jobs: BulkJobSummary[], job: BulkJobSummary): BulkJobSummary[] =>
  jobs.some((each) => each.id === job.id)
    ? jobs.map((each) => (each.id === job.id ? job : each))
    : [job, ...jobs]

function merged(rows: BulkRow[], changed: readonly BulkRow[]): BulkRow[] {
  const byCompany = new Map(changed.map((row) => [row.companyId, row]))
  return rows.map((row) => byCompany.get(row.companyId) ?? row)
}

/**
 * Zadania: the bulk jobs main runs. A reload of the page asks main again (bulk:jobs, bulk:job):
 * the jobs live there, not here.
 */
export const useJobs = create<JobsState>((set, get) => ({
  jobs: [],
  openId: undefined,
  rows: {},
  error: undefined,

  async load() {
    try {
      const jobs = await api.invoke('bulk:jobs')
      set({ jobs, error: undefined })
      const openId = get().openId ?? jobs[0]?.id
      if (openId !== undefined) await get().open(openId)
    } catch (error) {
      set({ error })
    }
  },

  async open(jobId) {
    set({ openId: jobId })
    try {
      const { rows, ...job } = await api.invoke('bulk:job', { jobId })
      set((state) => ({
        jobs: withSummary(state.jobs, job),
        rows: { ...state.rows, [jobId]: rows },
      }))
    } catch (error) {
      set({ error })
    }
  },

  async start(action, selection) {
    const job = await api.invoke('bulk:start', { action, selection })
    set((state) => ({ jobs: withSummary(state.jobs, job) }))
    await get().open(job.id)
    return job
  },

  async cancel(jobId) {
    const job = await api.invoke('bulk:cancel', { jobId })
    set((state) => ({ jobs: withSummary(state.jobs, job) }))
  },

  async exportCsv(jobId) {
    await api.invoke('bulk:exportCsv', { jobId })
  },

  progress({ job, rows }) {
    set((state) => {
      const known = state.rows[job.id]
      return {
        jobs: withSummary(state.jobs, job),
        rows: known ? { ...state.rows, [job.id]: merged(known, rows) } : state.rows,
      }
    })
  },
}))

/** For as long as the app is open: a job's progress is followed in whichever view is shown. */
export function followJobs(): () => void {
  return api.on('bulk:progress', (push) => useJobs.getState().progress(push))
}
