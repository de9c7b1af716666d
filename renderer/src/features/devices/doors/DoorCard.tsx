import { useState } from 'react';
import type { CommandInput, DoorCommandResult, DoorIo, LightColour } from '@shared/contract';
import { useApi } from '../../../lib/api/hooks';
import { useI18n } from '../../../lib/i18n';
import { doorRefusalText } from '../core-reasons';
import { Pill } from '../device-ui';
import type { Tone } from '../printers/printer-condition';

const colourOf = (green: boolean, red: boolean): LightColour => (green ? 'green' : red ? 'red' : 'off');
const SIM_INPUTS = ['trailerPresent', 'doorOpen', 'levelerStored', 'fault'] as const;

type Outcome = { kind: 'refused'; message: string } | { kind: 'overridden' } | null;

/** One dock door's live I/O, its light and restraint controls, and why a command was refused. */
export function DoorCard({ door }: { door: DoorIo }) {
  const { t } = useI18n();
  const api = useApi();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);
  const offline = door.health !== 'ok';
  const inside = colourOf(door.lights.insideGreen, door.lights.insideRed);
  const outside = colourOf(door.lights.outsideGreen, door.lights.outsideRed);

  async function command(work: () => Promise<DoorCommandResult | DoorIo>) {
    setBusy(true);
    try {
      const r = await work();
      setOutcome('overridden' in r && r.overridden ? { kind: 'overridden' } : null);
    } catch (err) {
      // The interlock's refusal (from core's reason code): what is unsafe and what to do first.
      setOutcome({ kind: 'refused', message: doorRefusalText(err, t) });
    } finally {
      setBusy(false);
    }
  }
  const setLights = (input: Omit<CommandInput<'devices.setLights'>, 'doorId'>) =>
    command(() => api.call('devices.setLights', { doorId: door.doorId, ...input }));

  const health: Tone = door.health === 'ok' ? (door.fault ? 'danger' : 'ok') : 'danger';
  const signals: { key: string; label: string; tone: Tone }[] = [
    {
      key: 'door',
      label: door.doorOpen ? t('io.doorOpen') : door.doorClosed ? t('io.doorClosed') : t('io.doorBetween'),
      tone: door.doorOpen ? 'warn' : door.doorClosed ? 'ok' : 'busy',
    },
    {
      key: 'trailer',
      label: door.trailerPresent ? t('io.trailerPresent') : t('io.noTrailer'),
      tone: door.trailerPresent ? 'busy' : 'muted',
    },
    {
      key: 'restraint',
      label: door.restraintEngaged ? t('io.restraintEngaged') : t('io.restraintReleased'),
      tone: door.restraintEngaged ? 'ok' : 'muted',
    },
    {
      key: 'leveler',
      label: door.levelerStored ? t('io.levelerStored') : t('io.levelerOut'),
      tone: door.levelerStored ? 'muted' : 'warn',
    },
  ];

  return (
    <article
      className={`panel door-io tone-${health}`}
      data-testid="door-io"
      data-door={door.doorName}
      aria-label={door.doorName}
    >
      <header className="panel-head">
        <div>
          <h3>{door.doorName}</h3>
          <div className="muted small">{door.moduleName}</div>
        </div>
        <span className="spacer" />
        {door.override && <Pill tone="warn">{t('io.override')}</Pill>}
        <Pill tone={health}>
          {door.health === 'ok' ? (door.fault ? t('io.fault') : t('io.ok')) : t(`io.health.${door.health}`)}
        </Pill>
      </header>
      {offline && door.reason && <p className="reason">{door.reason}</p>}
      <ul className="signals" aria-label={t('io.inputs')}>
        {signals.map((s) => (
          <li key={s.key} data-signal={s.key}>
            <Pill tone={offline ? 'muted' : s.tone}>{s.label}</Pill>
          </li>
        ))}
      </ul>
      <div className="lights">
        <LightControl
          label={t('io.insideLight')}
          value={inside}
          disabled={busy || offline}
          onPick={(c) => void setLights({ inside: c, outside })}
        />
        <LightControl
          label={t('io.outsideLight')}
          value={outside}
          disabled={busy || offline}
          onPick={(c) => void setLights({ inside, outside: c })}
        />
      </div>
      <div className="actions wrap">
        <button
          type="button"
          disabled={busy || offline}
          onClick={() =>
            void command(() =>
              api.call('devices.setRestraint', { doorId: door.doorId, engage: !door.restraintEngaged }),
            )
          }
        >
          {door.restraintEngaged ? t('io.release') : t('io.engage')}
        </button>
        <button
          type="button"
          disabled={busy || offline}
          onClick={() =>
            void command(() => api.call('devices.setDoor', { doorId: door.doorId, open: !door.doorOpen }))
          }
        >
          {door.doorOpen ? t('io.closeDoor') : t('io.openDoor')}
        </button>
      </div>
      {outcome?.kind === 'refused' && (
        <div className="refusal" role="alert" data-testid="interlock-refusal">
          <strong>{t('io.refused')}</strong>
          <p>{outcome.message}</p>
        </div>
      )}
      {outcome?.kind === 'overridden' && <p className="notice small">{t('io.overridden')}</p>}
      {door.simulated && (
        <div className="sim-controls" role="group" aria-label={t('sim.doorInputs')}>
          <span className="sim-tag">{t('sim.tag')}</span>
          {SIM_INPUTS.map((input) => (
            <button
              key={input}
              type="button"
              className="switch"
              aria-pressed={door[input]}
              onClick={() =>
                void command(() =>
                  api.call('devices.simulateDoorInput', { doorId: door.doorId, input, value: !door[input] }),
                )
              }
            >
              {t(`sim.door.${input}`)}
            </button>
          ))}
        </div>
      )}
    </article>
  );
}

function LightControl({
  label,
  value,
  disabled,
  onPick,
}: {
  label: string;
  value: LightColour;
  disabled: boolean;
  onPick(c: LightColour): void;
}) {
  const { t } = useI18n();
  return (
    <div className="light-control" role="group" aria-label={label}>
      <span className={`lamp lamp-${value}`} aria-hidden />
      <span className="small">{label}</span>
      <span className="seg">
        {(['green', 'red', 'off'] as const).map((c) => (
          <button
            key={c}
            type="button"
            aria-pressed={value === c}
            disabled={disabled}
            onClick={() => onPick(c)}
          >
            {t(`io.light.${c}`)}
          </button>
        ))}
      </span>
    </div>
  );
}
