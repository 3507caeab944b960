import { readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { BulkJob } from '../../shared/domain/bulk'
import { writeFileDurably } from '../vault/durable-write'

/** Where the jobs' results are kept: one file per job, so a running job rewrites only its own. */
export interface BulkJobFiles {
  /** Every job kept, as written; a file that does not read as a job is left out. */
  list(): Promise<BulkJob[]>
  write(job: BulkJob): Promise<void>
  remove(jobId: string): Promise<void>
}

/** The folder of the data folder that holds the jobs. */
export const bulkJobsFolderName = 'bulk-jobs'

const jobFileName = /^([0-9a-f-]{36})\.json$/

/** The jobs as `<data folder>/bulk-jobs/<job id>.json`, each written durably and for the owner alone. */
export class FolderBulkJobFiles implements BulkJobFiles {
  constructor(private readonly folder: string) {}

  async list(): Promise<BulkJob[]> {
    let names: string[]
    try {
      names = await readdir(this.folder)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
      throw error
    }
    const jobs: BulkJob[] = []
    for (const name of names) {
      if (!jobFileName.test(name)) continue
      const parsed = BulkJob.safeParse(parseJson(await readFile(join(this.folder, name), 'utf8')))
      if (parsed.success) jobs.push(parsed.data)
    }
    return jobs
  }

  write(job: BulkJob): Promise<void> {
    return writeFileDurably(join(this.folder, `${job.id}.json`), `${JSON.stringify(job)}\n`)
  }

  async remove(jobId: string): Promise<void> {
    await rm(join(this.folder, `${jobId}.json`), { force: true })
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** The jobs in memory, for tests and composition roots without a data folder on disk. */
export class MemoryBulkJobFiles implements BulkJobFiles {
  readonly jobs = new Map<string, string>()
  writes = 0

  list(): Promise<BulkJob[]> {
    return Promise.resolve([...this.jobs.values()].map((text) => BulkJob.parse(JSON.parse(text))))
  }

  write(job: BulkJob): Promise<void> {
    this.writes++
    this.jobs.set(job.id, JSON.stringify(job))
    return Promise.resolve()
  }

  remove(jobId: string): Promise<void> {
    this.jobs.delete(jobId)
    return Promise.resolve()
  }
}
