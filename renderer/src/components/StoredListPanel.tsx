import Paper from '@mui/material/Paper'
import Typography from '@mui/material/Typography'
import type { ReactNode } from 'react'

interface Props {
  title: string
  /** Shown instead of the list when there is nothing stored. */
  empty: string | undefined
  emptyTestId: string
  children: ReactNode
}

/** "Certyfikaty / Tokeny zapisane na tym komputerze": a titled list, or why it is empty. */
export function StoredListPanel({ title, empty, emptyTestId, children }: Props) {
  return (
    <Paper variant="outlined">
      <Typography variant="subtitle1" sx={{ px: 2, pt: 1.5, fontWeight: 600 }}>
        {title}
      </Typography>
      {empty !== undefined ? (
        <Typography color="text.secondary" sx={{ p: 2 }} data-testid={emptyTestId}>
          {empty}
        </Typography>
      ) : (
        children
      )}
    </Paper>
  )
}
