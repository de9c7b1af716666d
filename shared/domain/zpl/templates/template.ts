import { AppError } from '../../../contract/errors';
import type { LabelSetup } from '../builder';

export interface TemplateField<K extends string = string> {
  key: K;
  label: string;
  required: boolean;
  maxLength: number;
  /** Allows line breaks (addresses). */
  multiline?: boolean;
}

export interface LabelTemplate<K extends string = string> {
  id: string;
  title: string;
  /** The size the layout was drawn for; other sizes scale from it. */
  designSize: { widthMm: number; heightMm: number };
  fields: ReadonlyArray<TemplateField<K>>;
  render(data: Readonly<Partial<Record<K, string>>>, setup: LabelSetup): string;
}

/** Checks required fields and lengths; returns trimmed values (missing optional ones as ''). */
export function readFields<K extends string>(
  template: Pick<LabelTemplate<K>, 'title' | 'fields'>,
  data: Readonly<Partial<Record<K, string>>>,
): Record<K, string> {
  const out = {} as Record<K, string>;
  const problems: string[] = [];
  for (const f of template.fields) {
    const raw = data[f.key];
    const value = typeof raw === 'string' ? raw.trim() : '';
    if (f.required && value === '') problems.push(`${f.label} is required`);
    if (value.length > f.maxLength)
      problems.push(`${f.label} is ${value.length} characters, at most ${f.maxLength}`);
    out[f.key] = f.multiline ? value : value.replace(/[\r\n]+/g, ' ');
  }
  if (problems.length > 0) {
    throw new AppError('invalid_input', `Cannot print the ${template.title}: ${problems.join('; ')}`, {
      problems,
    });
  }
  return out;
}

/** Scale factor from the design size to the configured label, so fields stay on the label. */
export function scaleFor(design: { widthMm: number; heightMm: number }, setup: LabelSetup): number {
  return Math.min(setup.widthMm / design.widthMm, setup.heightMm / design.heightMm);
}
