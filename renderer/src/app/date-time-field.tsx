import { DateField } from './date-field';
import { TimeField } from './time-field';

/**
 * A moment as the app's own date and 24-hour time boxes (never the native datetime-local, which
 * follows the browser's locale). `value` is site-local wall time `YYYY-MM-DDTHH:MM`, the form
 * `fleet-format.ts` turns into an instant.
 */
export function DateTimeField({
  label,
  value,
  onChange,
  testId,
}: {
  label: string;
  value: string;
  onChange(value: string): void;
  testId?: string;
}) {
  const date = value.slice(0, 10);
  const time = value.slice(11, 16);
  return (
    <fieldset className="field date-time-field" data-testid={testId}>
      <legend>{label}</legend>
      <DateField label={label} hideLabel value={date} onChange={(d) => onChange(`${d}T${time}`)} />
      <TimeField label="" value={time} onChange={(t) => onChange(`${date}T${t}`)} />
    </fieldset>
  );
}
