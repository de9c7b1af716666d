import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';
import { useI18n } from '../lib/i18n';

export interface Toast {
  id: number;
  kind: 'success' | 'error';
  title: string;
  body?: string;
  action?: { label: string; run: () => void };
}

type Show = (toast: Omit<Toast, 'id'>) => void;

const ToastContext = createContext<Show>(() => undefined);

export function useToast(): Show {
  return useContext(ToastContext);
}

let nextId = 1;

/** Short confirmations fade; errors stay until dismissed, so an operator who looked away sees them. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const [toasts, setToasts] = useState<Toast[]>([]);
  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((x) => x.id !== id)), []);
  const show = useCallback<Show>(
    (toast) => {
      const id = nextId++;
      setToasts((all) => [...all.slice(-4), { ...toast, id }]);
      if (toast.kind === 'success') setTimeout(() => dismiss(id), 4000);
    },
    [dismiss],
  );
  return (
    <ToastContext.Provider value={show}>
      {children}
      <div className="toasts" aria-live="polite">
        {toasts.map((toast) => (
          <div
            key={toast.id}
            className={`toast toast-${toast.kind}`}
            role={toast.kind === 'error' ? 'alert' : 'status'}
          >
            <div className="toast-text">
              <strong>{toast.title}</strong>
              {toast.body && <div>{toast.body}</div>}
            </div>
            {toast.action && (
              <button
                type="button"
                onClick={() => {
                  toast.action?.run();
                  dismiss(toast.id);
                }}
              >
                {toast.action.label}
              </button>
            )}
            <button
              type="button"
              className="ghost"
              aria-label={t('common.dismiss')}
              onClick={() => dismiss(toast.id)}
            >
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}
