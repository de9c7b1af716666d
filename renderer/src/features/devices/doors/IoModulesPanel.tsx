import { useState, type FormEvent } from 'react';
import { Dialog, FormActions } from '../../../app/dialog';
import { useToast } from '../../../app/toasts';
import { useApi, useCommandQuery } from '../../../lib/api/hooks';
import { useI18n } from '../../../lib/i18n';
import { BaudRateField, ProblemBox, useRun, useSave } from '../device-ui';

/** The Modbus I/O modules, which doors are wired to them, and wiring a door to one. */
export function IoModulesPanel() {
  const { t } = useI18n();
  const api = useApi();
  const run = useRun();
  const modules = useCommandQuery('devices.listIoModules', {});
  const doors = useCommandQuery('dock.listDoors', { includeInactive: false });
  const [adding, setAdding] = useState(false);
  // No unit id typed means "the next one": modules usually number their doors 1, 2, 3, …
  const [wire, setWire] = useState<{ doorId: string; moduleId: string; unitId: string | null }>({
    doorId: '',
    moduleId: '',
    unitId: null,
  });
  const list = modules.data ?? [];
  const doorName = new Map((doors.data ?? []).map((d) => [d.id, d.name]));
  const wired = new Set(list.flatMap((m) => m.doorIds));
  const unwired = (doors.data ?? []).filter((d) => !wired.has(d.id));
  const moduleId = wire.moduleId || list[0]?.id || '';
  const nextUnit = String((list.find((m) => m.id === moduleId)?.doorIds.length ?? 0) + 1);
  const unitText = wire.unitId ?? nextUnit;
  const unit = Number(unitText);
  const unitBad = unitText.trim() === '' || !Number.isInteger(unit) || unit < 0 || unit > 247;
  const doorId = wire.doorId || unwired[0]?.id || '';

  async function submitWire(e: FormEvent) {
    e.preventDefault();
    if (unitBad || !moduleId || !doorId) return;
    await run(() => api.call('devices.wireDoor', { doorId, moduleId, unitId: unit }), {
      error: t('iomod.wireRefused'),
      success: () => t('iomod.wired', { door: doorName.get(doorId) ?? '' }),
    });
    setWire({ doorId: '', moduleId, unitId: null });
  }

  return (
    <section className="panel io-modules" aria-label={t('iomod.title')}>
      <header className="panel-head">
        <h2>{t('iomod.title')}</h2>
        <span className="spacer" />
        <button type="button" onClick={() => setAdding(true)}>
          + {t('iomod.add')}
        </button>
      </header>
      {list.length === 0 ? (
        <p className="muted empty-inline">{t('iomod.empty')}</p>
      ) : (
        <ul className="plain-list" data-testid="io-modules">
          {list.map((m) => (
            <li key={m.id} className="scanner-row">
              <div>
                <strong>{m.name}</strong>
                <div className="muted small">
                  {m.transportLabel} · {t('iomod.poll', { ms: m.pollMs })}
                </div>
              </div>
              <div className="small">
                {m.doorIds.length === 0
                  ? t('iomod.noDoors')
                  : [...m.doorIds]
                      .sort((x, y) => (doorName.get(x) ?? x).localeCompare(doorName.get(y) ?? y))
                      .map((id) => (
                        <span key={id} className="wired-door">
                          {doorName.get(id) ?? id}
                          <button
                            type="button"
                            className="link"
                            aria-label={t('iomod.unwire', { door: doorName.get(id) ?? id })}
                            onClick={() =>
                              void run(() => api.call('devices.unwireDoor', { doorId: id }), {
                                error: t('iomod.wireRefused'),
                              })
                            }
                          >
                            ×
                          </button>
                        </span>
                      ))}
              </div>
            </li>
          ))}
        </ul>
      )}
      {list.length > 0 && unwired.length > 0 && (
        <form className="wire-form" onSubmit={submitWire}>
          <label>
            {t('iomod.door')}
            <select value={doorId} onChange={(e) => setWire({ ...wire, doorId: e.target.value })}>
              {unwired.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('iomod.module')}
            <select value={moduleId} onChange={(e) => setWire({ ...wire, moduleId: e.target.value })}>
              {list.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </label>
          <label className="narrow">
            {t('iomod.unit')}
            <input
              inputMode="numeric"
              value={unitText}
              aria-invalid={unitBad ? true : undefined}
              onChange={(e) => setWire({ ...wire, unitId: e.target.value })}
            />
          </label>
          <button type="submit" disabled={unitBad}>
            {t('iomod.wire')}
          </button>
          {unitBad && <span className="field-error">{t('iomod.unitRange')}</span>}
        </form>
      )}
      {adding && <IoModuleDialog onClose={() => setAdding(false)} />}
    </section>
  );
}

function IoModuleDialog({ onClose }: { onClose(): void }) {
  const { t } = useI18n();
  const api = useApi();
  const toast = useToast();
  const [form, setForm] = useState({
    name: '',
    kind: 'tcp' as 'tcp' | 'rtu',
    host: '',
    port: '502',
    path: '',
    baudRate: 19200,
  });
  const { busy, problem, setProblem, save } = useSave();
  const port = Number(form.port);
  const missing =
    !form.name.trim() ||
    (form.kind === 'tcp'
      ? !form.host.trim() || !Number.isInteger(port) || port < 1 || port > 65535
      : !form.path.trim());

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (missing) return setProblem(t('iomod.missing'));
    await save(async () => {
      const saved = await api.call('devices.createIoModule', {
        name: form.name,
        transport:
          form.kind === 'tcp'
            ? { kind: 'tcp', host: form.host.trim(), port }
            : { kind: 'rtu', path: form.path.trim(), baudRate: form.baudRate },
      });
      toast({ kind: 'success', title: t('iomod.created', { name: saved.name }) });
      onClose();
    });
  }

  return (
    <Dialog title={t('iomod.new')} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate>
        <fieldset disabled={busy}>
          <label>
            {t('printerForm.name')}
            <input
              maxLength={60}
              value={form.name}
              onChange={(e) => setForm({ ...form, name: e.target.value })}
            />
          </label>
          <fieldset className="checks">
            <legend>{t('printerForm.connection')}</legend>
            {(['tcp', 'rtu'] as const).map((k) => (
              <label key={k} className="check">
                <input
                  type="radio"
                  name="io-kind"
                  checked={form.kind === k}
                  onChange={() => setForm({ ...form, kind: k })}
                />
                {t(`iomod.kind.${k}`)}
              </label>
            ))}
          </fieldset>
          {form.kind === 'tcp' ? (
            <div className="row">
              <label>
                {t('printerForm.host')}
                <input
                  value={form.host}
                  placeholder="10.0.0.9"
                  onChange={(e) => setForm({ ...form, host: e.target.value })}
                />
              </label>
              <label>
                {t('printerForm.port')}
                <input
                  inputMode="numeric"
                  value={form.port}
                  onChange={(e) => setForm({ ...form, port: e.target.value })}
                />
              </label>
            </div>
          ) : (
            <div className="row">
              <label>
                {t('printerForm.path')}
                <input
                  value={form.path}
                  placeholder="/dev/ttyUSB1"
                  onChange={(e) => setForm({ ...form, path: e.target.value })}
                />
              </label>
              <BaudRateField value={form.baudRate} onChange={(baudRate) => setForm({ ...form, baudRate })} />
            </div>
          )}
        </fieldset>
        <ProblemBox title={t('error.title')} problem={problem} />
        <FormActions onCancel={onClose} busy={busy} submitLabel={t('iomod.add')} />
      </form>
    </Dialog>
  );
}
