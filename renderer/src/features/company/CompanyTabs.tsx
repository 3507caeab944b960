import Box from '@mui/material/Box'
import Tab from '@mui/material/Tab'
import Tabs from '@mui/material/Tabs'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Company } from '../../../../shared/domain/company'
import { useCredentials } from '../../store/credentials'
import { CertificatesTab } from '../certificates/CertificatesTab'
import { GeneralTab } from '../general/GeneralTab'
import { TokensTab } from '../tokens/TokensTab'

const tabs = ['general', 'certificates', 'tokens'] as const
type TabName = (typeof tabs)[number]

/** Ogólne / Certyfikaty / Tokeny of the selected company. */
export function CompanyTabs({ company }: { company: Company }) {
  const { t } = useTranslation()
  const [tab, setTab] = useState<TabName>('general')
  const load = useCredentials((state) => state.load)
  useEffect(() => {
    void load(company.id)
  }, [company.id, load])

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }}>
      <Tabs
        value={tab}
        onChange={(_event, value: TabName) => setTab(value)}
        sx={{ px: 2, bgcolor: 'background.paper', borderBottom: 1, borderColor: 'divider' }}
      >
        {tabs.map((name) => (
          <Tab key={name} value={name} label={t(`tabs.${name}`)} data-testid={`tab-${name}`} />
        ))}
      </Tabs>
      <Box role="tabpanel" sx={{ p: 3, overflowY: 'auto' }} data-testid={`panel-${tab}`}>
        {tab === 'certificates' && <CertificatesTab company={company} />}
        {tab === 'tokens' && <TokensTab company={company} />}
        {tab === 'general' && <GeneralTab company={company} />}
      </Box>
    </Box>
  )
}
