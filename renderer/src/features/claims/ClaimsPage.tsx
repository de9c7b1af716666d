import { useState } from 'react';
import { TabList } from '../../app/tab-list';
import { useI18n } from '../../lib/i18n';
import { ClaimDetail } from './ClaimDetail';
import { ClaimDialog, type ClaimDraft } from './ClaimDialog';
import { ClaimsList } from './ClaimsList';
import { DeadlinesTab } from './DeadlinesTab';
import { ReceivingTab } from './ReceivingTab';
import { ReportsTab } from './ReportsTab';
import './claims.css';

const TABS = ['claims', 'receiving', 'deadlines', 'reports'] as const;
type Tab = (typeof TABS)[number];

/** Claims: receiving with evidence at the dock, the claims themselves, their deadlines and reports. */
export function ClaimsPage({ timeZone, role }: { timeZone: string; role: string }) {
  const { t } = useI18n();
  const [tab, setTab] = useState<Tab>('claims');
  const [openId, setOpenId] = useState<string | null>(null);
  const [draft, setDraft] = useState<ClaimDraft | null>(null);
  const open = (id: string) => {
    setTab('claims');
    setOpenId(id);
  };
  return (
    <section className="claims" data-testid="claims-page">
      <h1>{t('claims.title')}</h1>
      <TabList tabs={TABS} value={tab} onChange={(next) => {
        setTab(next);
        setOpenId(null);
      }} label={(x) => t(`claims.tab.${x}`)} />
      {tab === 'claims' &&
        (openId ? (
          <ClaimDetail id={openId} timeZone={timeZone} role={role} onBack={() => setOpenId(null)} />
        ) : (
          <ClaimsList role={role} onOpen={open} onNew={() => setDraft({})} />
        ))}
      {tab === 'receiving' && <ReceivingTab timeZone={timeZone} role={role} onDraftClaim={setDraft} onOpenClaim={open} />}
      {tab === 'deadlines' && <DeadlinesTab onOpen={open} />}
      {tab === 'reports' && <ReportsTab />}
      {draft && (
        <ClaimDialog
          draft={draft}
          timeZone={timeZone}
          onClose={() => setDraft(null)}
          onSaved={(id) => {
            setDraft(null);
            open(id);
          }}
        />
      )}
    </section>
  );
}
