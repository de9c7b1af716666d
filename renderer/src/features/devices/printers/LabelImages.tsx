import { useState } from 'react';
import type { LabelPreview } from '@shared/contract';
import { useI18n } from '../../../lib/i18n';

/** Rendered label images at their real proportions, with the ZPL behind them on request. */
export function LabelImages({ preview }: { preview: LabelPreview }) {
  const { t } = useI18n();
  const [showZpl, setShowZpl] = useState(false);
  return (
    <div className="label-preview">
      <p className="muted small">
        {t('preview.size', { width: preview.widthMm, height: preview.heightMm, dpi: preview.dpi })}
      </p>
      <div className="label-images">
        {preview.images.map((src, i) => (
          <img
            key={i}
            src={src}
            alt={t('preview.imageAlt', { n: i + 1 })}
            style={{ aspectRatio: `${preview.widthMm} / ${preview.heightMm}` }}
          />
        ))}
      </div>
      <button type="button" className="link" onClick={() => setShowZpl((s) => !s)} aria-expanded={showZpl}>
        {showZpl ? t('preview.hideZpl') : t('preview.showZpl')}
      </button>
      {showZpl && <pre className="zpl">{preview.zpl}</pre>}
    </div>
  );
}
