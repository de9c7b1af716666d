import type { DomainModule, ModuleDeps } from '../domain-module';
import type { FileStore } from './file-store';

const PRUNE_EVERY_MS = 3600_000;

/** `files.*`: chunked uploads into the attachment store, and its hourly clean-up. */
export function createFilesModule(deps: ModuleDeps, store: FileStore): DomainModule {
  let timer: ReturnType<typeof setInterval> | undefined;
  const prune = () =>
    void store.prune().catch((err: unknown) => deps.logger.warn('file prune failed', { error: String(err) }));
  return {
    handlers: {
      'files.beginUpload': async (input) => store.begin(input),
      'files.uploadChunk': (input) => store.chunk(input),
      'files.finishUpload': (input) => store.finish(input),
      'files.cancelUpload': (input) => store.cancel(input),
    },
    async start() {
      prune();
      timer = setInterval(prune, PRUNE_EVERY_MS);
      timer.unref();
    },
    async close() {
      clearInterval(timer);
    },
  };
}
