import { useState } from 'react';
import { addDays } from '@shared/domain/time';
import { datePattern, parseDate, shortDate } from '../lib/format';
import { useI18n } from '../lib/i18n';

/**
 * A date box in the UI's language (`2026-12-04` in Swedish, `04/12/2026` in English). The native
 * date input follows the browser's or the operating system's locale whatever the app's language,
 * so a Swedish screen showed `12/04/2026`; this one shows and reads the app's own form (and ISO
 * dates in any language). Arrow up/down step a day.
 */
export function DateField({
  label,
  value,
  onChange,
  hideLabel,
  invalid,
  testId,
}: {
  label: string;
  /** YYYY-MM-DD */
  value: string;
  onChange(value: string): void;
  /** Label for screen readers only (a toolbar shows the long date beside it). */
  hideLabel?: boolean;
  invalid?: boolean;
  testId?: string;
}) {
  const { t, locale } = useI18n();
  const shownText = shortDate(value, locale);
  const [text, setText] = useState(shownText);
  const [shown, setShown] = useState(shownText);
  // Follow outside changes (previous/next day, another language) without fighting the typing.
  if (shownText !== shown) {
    setShown(shownText);
    setText(shownText);
  }
  const bad = parseDate(text, locale) === null;
  const commit = (next: string) => {
    setShown(shortDate(next, locale));
    onChange(next);
  };
  const input = (
    <input
      className="date-field"
      inputMode="numeric"
      autoComplete="off"
      aria-label={hideLabel ? label : undefined}
      placeholder={datePattern(locale, {
        day: t('format.dayLetter'),
        month: t('format.monthLetter'),
        year: t('format.yearLetter'),
      })}
      size={11}
      maxLength={12}
      required
      value={text}
      data-testid={testId}
      aria-invalid={invalid || bad ? true : undefined}
      onChange={(e) => {
        setText(e.target.value);
        const parsed = parseDate(e.target.value, locale);
        if (parsed) commit(parsed);
      }}
      onKeyDown={(e) => {
        if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
        e.preventDefault();
        const next = addDays(parseDate(text, locale) ?? value, e.key === 'ArrowUp' ? 1 : -1);
        setText(shortDate(next, locale));
        commit(next);
      }}
      onBlur={() => setText(shortDate(value, locale))}
    />
  );
  if (hideLabel) return input;
  return (
    <label>
      {label}
      {input}
    </label>
  );
}
