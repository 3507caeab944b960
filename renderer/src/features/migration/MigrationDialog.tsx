import UploadFileIcon from '@mui/icons-material/UploadFile'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Checkbox from '@mui/material/Checkbox'
import Chip from '@mui/material/Chip'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
import FormControlLabel from '@mui/material/FormControlLabel'
import LinearProgress from '@mui/material/LinearProgress'
import List from '@mui/material/List'
import ListItem from '@mui/material/ListItem'
import ListItemText from '@mui/material/ListItemText'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  MigrationSkipReason,
  type MigrationCandidates,
  type MigrationCompanyResult,
  type MigrationRejectedFile,
  type MigrationRequests,
} from '../../../../shared/domain/migration'
import { api } from '../../api'
import { ErrorAlert } from '../../components/ErrorAlert'
import { errorText } from '../../errors'
import { readFilePayload } from '../../files'
import { useNow } from '../../hooks/useNow'
import { MigrationResults } from './MigrationResults'

const migrationSkipReasons = MigrationSkipReason.options

const clockText = (seconds: number) =>
  `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`

/**
 * Przejście na certyfikaty for the companies ticked in the Pulpit: those that log in only with a
 * token get their requests written at once, the user signs them in their own tool and loads them
 * back together; each company's steps show as they go, files not run are listed with the reason.
 */
export function MigrationDialog({
  companyIds,
  onClose,
}: {
  companyIds: readonly string[]
  onClose: () => void
}) {
  const { t } = useTranslation()
  const now = useNow(1000)
  const [candidates, setCandidates] = useState<MigrationCandidates>()
  const [revokeTokens, setRevokeTokens] = useState(false)
  const [requests, setRequests] = useState<MigrationRequests>()
  const [rows, setRows] = useState<ReadonlyMap<string, MigrationCompanyResult>>(new Map())
  const [rejected, setRejected] = useState<readonly MigrationRejectedFile[]>([])
  const [busy, setBusy] = useState<'requests' | 'signed'>()
  const [error, setError] = useState<unknown>()
  const input = useRef<HTMLInputElement>(null)

  const loadCandidates = useCallback(
    () =>
      api
        .invoke('migration:candidates', { companyIds: [...companyIds] })
        .then(setCandidates, setError),
    [companyIds],
  )
  useEffect(() => void loadCandidates(), [loadCandidates])

  // While a signed batch runs, its companies' rows come as main pushes them: gathered, and
  // shown a few times a second rather than once per step of every company.
  const collecting = useRef(false)
  useEffect(() => {
    const pushed = new Map<string, MigrationCompanyResult>()
    let timer: ReturnType<typeof setTimeout> | undefined
    const stop = api.on('migration:progress', (row) => {
      if (!collecting.current) return
      pushed.set(row.companyId, row)
      timer ??= setTimeout(() => {
        timer = undefined
        if (!collecting.current) return pushed.clear()
        const rows = [...pushed.values()]
        pushed.clear()
        setRows((current) => {
          const next = new Map(current)
          for (const each of rows) next.set(each.companyId, each)
          return next
        })
      }, 200)
    })
    return () => {
      stop()
      clearTimeout(timer)
    }
  }, [])

  const run = async <T,>(kind: 'requests' | 'signed', work: () => Promise<T>) => {
    setBusy(kind)
    setError(undefined)
    try {
      return await work()
    } catch (failure) {
      setError(failure)
      return undefined
    } finally {
      setBusy(undefined)
    }
  }

  const writeRequests = (ids: readonly string[]) =>
    run('requests', async () =>
      setRequests(await api.invoke('migration:requests', { companyIds: [...ids] })),
    )

  const loadSigned = (picked: readonly File[]) =>
    run('signed', async () => {
      const files = await Promise.all(picked.map(readFilePayload))
      setRows(new Map())
      setRejected([])
      collecting.current = true
      try {
        const outcome = await api.invoke('migration:signed', { files, revokeTokens })
        setRows(new Map(outcome.results.map((row) => [row.companyId, row])))
        setRejected(outcome.rejected)
        // The requests were used up (or ran out); the moved companies log in otherwise now.
        setRequests(undefined)
        await loadCandidates()
      } finally {
        collecting.current = false
      }
    })

  const secondsLeft = requests
    ? Math.max(0, Math.floor((Date.parse(requests.expiresAt) - now) / 1000))
    : 0
  const saved = requests?.files.every((file) => file.saved) ?? false
  const expired = rejected.filter((file) => file.expired && file.company)
  const results = [...rows.values()]
  const moved = results.filter((row) => row.failure === null && row.certificate?.isDefault)
  const toMove = candidates?.companies ?? []
  const skippedFor = (reason: MigrationSkipReason) =>
    candidates?.skipped.filter((c) => c.reason === reason).length ?? 0

  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth data-testid="migration-dialog">
      <DialogTitle>{t('migration.title')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <Typography variant="body2">{t('migration.intro')}</Typography>
          {!candidates && !error && <LinearProgress />}
          {candidates && (
            <Box>
              <Typography variant="subtitle2" data-testid="migration-candidates">
                {t('migration.companies', { count: toMove.length })}
              </Typography>
              {toMove.length === 0 && (
                <Typography variant="body2" color="text.secondary">
                  {t('migration.none')}
                </Typography>
              )}
              <List dense sx={{ maxHeight: 180, overflow: 'auto' }}>
                {toMove.map((company) => (
                  <ListItem key={company.companyId} disableGutters>
                    <ListItemText
                      primary={company.name}
                      secondary={`${t(`identifier.${company.identifier.type}`)} ${company.identifier.value} · ${t('migration.token', { token: company.tokenLabel })}`}
                      data-testid={`migration-company-${company.identifier.value}`}
                    />
                  </ListItem>
                ))}
              </List>
              {candidates.skipped.length > 0 && (
                <Typography variant="body2" color="text.secondary" data-testid="migration-skipped">
                  {t('migration.skipped', { count: candidates.skipped.length })}{' '}
                  {migrationSkipReasons
                    .map((reason) => [reason, skippedFor(reason)] as const)
                    .filter(([, count]) => count > 0)
                    .map(([reason, count]) => `${t(`migration.skipReason.${reason}`)} (${count})`)
                    .join(', ')}
                </Typography>
              )}
            </Box>
          )}
          <FormControlLabel
            control={
              <Checkbox
                checked={revokeTokens}
                onChange={(event) => setRevokeTokens(event.target.checked)}
                slotProps={{ input: { 'data-testid': 'migration-revoke' } as object }}
              />
            }
            label={t('migration.revokeTokens')}
          />
          <Stack
            direction="row"
            spacing={1}
            sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}
          >
            <Button
              variant="contained"
              disabled={toMove.length === 0 || busy !== undefined}
              onClick={() => void writeRequests(toMove.map((c) => c.companyId))}
              data-testid="migration-write"
            >
              {t('migration.writeRequests')}
            </Button>
            <Button
              variant="outlined"
              startIcon={<UploadFileIcon />}
              disabled={busy !== undefined}
              onClick={() => input.current?.click()}
              data-testid="migration-load"
            >
              {t('migration.loadSigned')}
            </Button>
            <input
              ref={input}
              type="file"
              accept=".xml"
              multiple
              hidden
              data-testid="migration-files"
              onChange={(event) => {
                const picked = [...(event.target.files ?? [])]
                event.target.value = ''
                if (picked.length > 0) void loadSigned(picked)
              }}
            />
            {requests && saved && (
              <Chip
                color={secondsLeft > 60 ? 'info' : 'warning'}
                label={
                  secondsLeft > 0
                    ? t('migration.countdown', { time: clockText(secondsLeft) })
                    : t('migration.countdownEnded')
                }
                data-testid="migration-countdown"
              />
            )}
          </Stack>
          {requests && (
            <Typography variant="body2" data-testid="migration-written">
              {saved
                ? t('migration.written', {
                    count: requests.requests.length,
                    files: requests.requests.map((r) => r.fileName).join(', '),
                  })
                : t('migration.notSaved')}
            </Typography>
          )}
          {busy && <LinearProgress data-testid="migration-busy" />}
          {error !== undefined && <ErrorAlert error={error} testId="migration-error" />}
          {results.length > 0 && (
            <Box>
              {busy !== 'signed' && (
                <Alert
                  severity={moved.length === results.length ? 'success' : 'warning'}
                  data-testid="migration-summary"
                >
                  {t('migration.summary', { done: moved.length, total: results.length })}
                </Alert>
              )}
              <MigrationResults rows={results} />
            </Box>
          )}
          {rejected.length > 0 && (
            <Box data-testid="migration-rejected">
              <Typography variant="subtitle2">
                {t('migration.rejected', { count: rejected.length })}
              </Typography>
              <List dense>
                {rejected.map((file) => (
                  <ListItem
                    key={file.fileName}
                    disableGutters
                    data-testid={`migration-rejected-${file.fileName}`}
                  >
                    <ListItemText
                      primary={
                        file.company ? `${file.fileName} — ${file.company.name}` : file.fileName
                      }
                      secondary={errorText(t, file.error)}
                    />
                  </ListItem>
                ))}
              </List>
              {expired.length > 0 && (
                <Button
                  variant="outlined"
                  disabled={busy !== undefined}
                  onClick={() =>
                    void writeRequests(
                      expired.flatMap((f) => (f.company ? [f.company.companyId] : [])),
                    )
                  }
                  data-testid="migration-again"
                >
                  {t('migration.again', { count: expired.length })}
                </Button>
              )}
            </Box>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy === 'signed'} data-testid="migration-close">
          {t('migration.close')}
        </Button>
      </DialogActions>
    </Dialog>
  )
}
