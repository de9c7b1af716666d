import { useState } from 'react';
import { RULE_KINDS, type AlertRule, type Geofence, type RuleKind } from '@shared/contract';
import { useCommandMutation, useCommandQuery } from '../../lib/api/hooks';
import { useI18n } from '../../lib/i18n';
import { errorText } from './errors';
import { Field } from './field';

/** The alert rules, and a small form to add one. */
export function RulesPanel({ geofences, canEdit }: { geofences: Geofence[]; canEdit: boolean }) {
  const { t } = useI18n();
  const rules = useCommandQuery('fleet.listRules', {});
  const save = useCommandMutation('fleet.saveRule');
  const remove = useCommandMutation('fleet.deleteRule');
  const [kind, setKind] = useState<RuleKind>('enter');
  const [fence, setFence] = useState('');
  const [amount, setAmount] = useState('');
  const [error, setError] = useState<string | null>(null);
  const fenceName = (id: string | null) => geofences.find((g) => g.id === id)?.name ?? '';
  const needsFence = kind === 'enter' || kind === 'exit';
  const add = async () => {
    setError(null);
    const n = amount.trim() === '' ? null : Number(amount.replace(',', '.'));
    const geofenceId = fence || null;
    const name = t(`fleet.rule.auto.${kind}`, {
      fence: fenceName(geofenceId) || t('fleet.rule.anywhere'),
      amount: n ?? '',
    });
    try {
      await save.mutateAsync({
        name,
        kind,
        geofenceId,
        speedLimitKmh: kind === 'speeding' ? n : null,
        minutes: kind === 'idle' || kind === 'offline' ? n : null,
      });
      setAmount('');
    } catch (err) {
      setError(errorText(err, t));
    }
  };
  const describe = (r: AlertRule) => r.name;
  return (
    <section>
      <h2>{t('fleet.rule.title')}</h2>
      <ul className="rule-list" data-testid="rule-list">
        {(rules.data ?? []).length === 0 && <li className="empty">{t('fleet.rule.none')}</li>}
        {(rules.data ?? []).map((r) => (
          <li key={r.id}>
            {describe(r)}
            {canEdit && (
              <button
                type="button"
                className="ghost small"
                onClick={() => void remove.mutateAsync({ id: r.id })}
                aria-label={t('fleet.rule.delete', { name: r.name })}
              >
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      {canEdit && (
        <div className="rule-form" data-testid="rule-form">
          <label className="field">
            <span>{t('fleet.rule.kind')}</span>
            <select value={kind} onChange={(e) => setKind(e.target.value as RuleKind)}>
              {RULE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`fleet.alertKind.${k}`)}
                </option>
              ))}
            </select>
          </label>
          {kind !== 'offline' && (
            <label className="field">
              <span>{t('fleet.rule.geofence')}</span>
              <select value={fence} onChange={(e) => setFence(e.target.value)}>
                {!needsFence && <option value="">{t('fleet.rule.anywhere')}</option>}
                {needsFence && <option value="">{t('fleet.rule.pickFence')}</option>}
                {geofences.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          {(kind === 'speeding' || kind === 'idle' || kind === 'offline') && (
            <Field
              label={kind === 'speeding' ? t('fleet.rule.limit') : t('fleet.rule.minutes')}
              value={amount}
              onChange={setAmount}
              inputMode="numeric"
            />
          )}
          <button type="button" onClick={() => void add()} disabled={save.isPending}>
            {t('fleet.rule.add')}
          </button>
          {error && <p className="error">{error}</p>}
        </div>
      )}
    </section>
  );
}
