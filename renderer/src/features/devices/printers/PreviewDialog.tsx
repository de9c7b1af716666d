import type { CommandInput } from '@shared/contract';
import { Dialog } from '../../../app/dialog';
import { useCommandQuery } from '../../../lib/api/hooks';
import { useI18n } from '../../../lib/i18n';
import { errorText } from '../device-ui';
import { LabelImages } from './LabelImages';

/** The label as the printer will draw it (core renders the ZPL to PNG). */
export function PreviewDialog({
  source,
  title,
  onClose,
}: {
  source: CommandInput<'devices.preview'>;
  title: string;
  onClose(): void;
}) {
  const { t } = useI18n();
  const preview = useCommandQuery('devices.preview', source, { staleTime: Infinity, retry: false });
  return (
    <Dialog title={t('preview.title', { title })} onClose={onClose} wide>
      <div className="form">
        {preview.isPending ? (
          <p className="muted">{t('preview.rendering')}</p>
        ) : preview.error ? (
          <p className="refusal" role="alert">
            {errorText(preview.error)}
          </p>
        ) : (
          <LabelImages preview={preview.data} />
        )}
        <div className="actions">
          <span className="spacer" />
          <button type="button" onClick={onClose}>
            {t('common.close')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
