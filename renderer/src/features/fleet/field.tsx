import type { InputHTMLAttributes } from 'react';

/** A labelled input for the fleet forms; `onChange` gets the text. */
export function Field({
  label,
  value,
  onChange,
  inline,
  ...input
}: {
  label: string;
  value: string;
  onChange(value: string): void;
  inline?: boolean;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'>) {
  return (
    <label className={inline ? 'field inline' : 'field'}>
      <span>{label}</span>
      <input {...input} value={value} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}
