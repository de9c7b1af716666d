import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { ToastProvider } from './app/toasts';
import { createApiClient } from './lib/api/client';
import { ApiProvider } from './lib/api/hooks';
import { I18nProvider } from './lib/i18n';
import './styles.css';

const api = createApiClient();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <ApiProvider api={api}>
        <ToastProvider>
          <App />
        </ToastProvider>
      </ApiProvider>
    </I18nProvider>
  </StrictMode>,
);
