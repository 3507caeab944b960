import Box from '@mui/material/Box'
import List from '@mui/material/List'
import ListItemButton from '@mui/material/ListItemButton'
import ListItemText from '@mui/material/ListItemText'
import Paper from '@mui/material/Paper'
import Typography from '@mui/material/Typography'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorAlert } from '../../components/ErrorAlert'
import { formatDateTime } from '../../format'
import { useApp } from '../../store/app'
import { useJobs } from '../../store/jobs'
import { JobPanel } from './JobPanel'

/** Zadania: the bulk jobs, newest first, and the one chosen with a row per company. */
export function JobsView() {
  const { t } = useTranslation()
  const language = useApp((state) => state.language)
  const jobs = useJobs((state) => state.jobs)
  const openId = useJobs((state) => state.openId)
  const error = useJobs((state) => state.error)
  const { load, open } = useJobs.getState()

  useEffect(() => {
    void load()
  }, [load])

  return (
    <Box sx={{ display: 'flex', flex: 1, minHeight: 0 }} data-testid="jobs">
      <Paper
        square
        elevation={0}
        sx={{
          width: 300,
          flexShrink: 0,
          borderRight: 1,
          borderColor: 'divider',
          overflowY: 'auto',
        }}
      >
        {jobs.length === 0 ? (
          <Typography color="text.secondary" sx={{ p: 2 }} data-testid="jobs-empty">
            {t('jobs.empty')}
          </Typography>
        ) : (
          <List dense aria-label={t('jobs.listLabel')}>
            {jobs.map((job) => (
              <ListItemButton
                key={job.id}
                selected={job.id === openId}
                onClick={() => void open(job.id)}
                data-testid="job-item"
              >
                <ListItemText
                  primary={t(`jobs.action.${job.action}`)}
                  secondary={`${formatDateTime(job.createdAt, language)} · ${t(`jobs.jobState.${job.state}`)} · ${t('jobs.companies', { count: job.counts.total })}`}
                />
              </ListItemButton>
            ))}
          </List>
        )}
      </Paper>
      <Box sx={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column', p: 2, gap: 2 }}>
        {error !== undefined && <ErrorAlert error={error} testId="jobs-error" />}
        {openId !== undefined && <JobPanel jobId={openId} />}
      </Box>
    </Box>
  )
}
