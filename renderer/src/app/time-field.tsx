import { useState } from 'react';

/**
 * Reads what operators type for a time: `07:45`, `7:45`, `7.45`, `0745` or `745`; `24:00` only
 * where the end of a day is allowed. Returns `HH:MM`, or null when it is not a time.
 */
export function normalizeTime(text: string, allowEndOfDay = false): string | null {
  const m = /^\s*(\d{1,2})[:.]?(\d{2})\s*$/.exec(text);
  if (!m) return null;
  const [h, min] = [Number(m[1]), Number(m[2])];
  if (min > 59 || h > 24 || (h === 24 && (min !== 0 || !allowEndOfDay))) return null;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

/**
 * A 24-hour time box. Native time inputs follow the operating system's locale (AM/PM on many
 * machines) whatever the app's language; docks and carriers work in 24-hour time.
 */
export function TimeField({
  label,
  value,
  onChange,
  allowEndOfDay,
  invalid,
}: {
  label: string;
  value: string;
  onChange(value: string): void;
  allowEndOfDay?: boolean;
  invalid?: boolean;
}) {
  const [text, setText] = useState(value);
  const [shown, setShown] = useState(value);
  // Follow outside changes (e.g. "use this slot") without fighting the operator's typing.
  if (value !== shown) {
    setShown(value);
    setText(value);
  }
  const bad = normalizeTime(text, allowEndOfDay) === null;
  return (
    <label>
      {label}
      <input
        inputMode="numeric"
        placeholder="HH:MM"
        maxLength={5}
        required
        value={text}
        aria-invalid={invalid || bad ? true : undefined}
        onChange={(e) => {
          setText(e.target.value);
          const normal = normalizeTime(e.target.value, allowEndOfDay);
          if (normal) {
            setShown(normal);
            onChange(normal);
          }
        }}
        onBlur={() => {
          const normal = normalizeTime(text, allowEndOfDay);
          if (normal) setText(normal);
        }}
      />
    </label>
  );
}
