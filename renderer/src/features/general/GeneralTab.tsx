import Stack from '@mui/material/Stack'
import { useEffect } from 'react'
import type { Company } from '../../../../shared/domain/company'
import { useAuth } from '../../store/auth'
import { ActiveSessionsPanel } from './ActiveSessionsPanel'
import { LoginPanel } from './LoginPanel'
import { SessionPanel } from './SessionPanel'
import { SignedRequestPanel } from './SignedRequestPanel'

/** Tab Ogólne: the company's session and the three ways to log it in. */
export function GeneralTab({ company }: { company: Company }) {
  const load = useAuth((state) => state.load)
  useEffect(() => {
    void load(company.id)
  }, [company.id, load])
  return (
    <Stack spacing={2}>
      <SessionPanel />
      <LoginPanel />
      <SignedRequestPanel />
      <ActiveSessionsPanel />
    </Stack>
  )
}
