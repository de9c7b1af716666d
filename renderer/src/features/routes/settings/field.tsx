import { useId, type InputHTMLAttributes } from 'react';

/**
 * A labelled text box with an optional hint and the error core gave for it, both tied to the
 * box with `aria-describedby` so a screen reader reads them with the field.
 */
export function Field({
  label,
  value,
  onChange,
  hint,
  error,
  name,
  ...input
}: {
  label: string;
  value: string;
  onChange(value: string): void;
  hint?: string;
  error?: string;
  /** Names the error for tests and styling (`data-field-error`). */
  name: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'name'>) {
  const id = useId();
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  return (
    <div className="rs-field">
      <label>
        {label}
        <input
          {...input}
          name={name}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={described || undefined}
        />
      </label>
      {hint && (
        <small id={`${id}-hint`} className="rs-hint">
          {hint}
        </small>
      )}
      {error && (
        <span id={`${id}-error`} className="rs-error" role="alert" data-field-error={name}>
          {error}
        </span>
      )}
    </div>
  );
}
