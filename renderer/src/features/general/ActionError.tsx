import Box from '@mui/material/Box'
import { ErrorAlert } from '../../components/ErrorAlert'
import { useAuth } from '../../store/auth'

type Action = NonNullable<ReturnType<typeof useAuth.getState>['failed']>

/** The error of the last failed action, shown beside the buttons that can cause it. */
export function ActionError({ actions, testId }: { actions: readonly Action[]; testId: string }) {
  const { error, failed, busy } = useAuth()
  if (failed === undefined || !actions.includes(failed) || busy !== undefined) return null
  return (
    <Box sx={{ mt: 2 }}>
      <ErrorAlert error={error} testId={testId} />
    </Box>
  )
}
