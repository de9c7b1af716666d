import {
  QueryClient,
  QueryClientProvider,
  useMutation,
  useQuery,
  useQueryClient,
  type UseQueryOptions,
} from '@tanstack/react-query';
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import {
  EVENT_NAMES,
  type CommandInput,
  type CommandName,
  type CommandOutput,
  type EventName,
  type EventPayload,
} from '@shared/contract';
import type { ApiClient } from './client';
import type { ConnectionState, DropReason } from './transport';

const ApiContext = createContext<ApiClient | null>(null);

export function useApi(): ApiClient {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside ApiProvider');
  return api;
}

/**
 * Provides the client and keeps the query cache in step with pushed events: a `<domain>.changed`
 * (`dock.changed`, `devices.changed`, …) refetches that domain's queries; `sync.changed` carries
 * the new status itself.
 */
export function ApiProvider({ api, children }: { api: ApiClient; children: ReactNode }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: { queries: { retry: 1, staleTime: 30_000, refetchOnWindowFocus: false } },
      }),
  );
  useEffect(() => {
    const domainChanged = EVENT_NAMES.filter((e) => e.endsWith('.changed') && e !== 'sync.changed');
    const offs = [
      ...domainChanged.map((name) => {
        const prefix = name.slice(0, -'changed'.length);
        return api.on(
          name,
          () =>
            void queryClient.invalidateQueries({
              predicate: (q) => String(q.queryKey[0]).startsWith(prefix),
            }),
        );
      }),
      api.on('sync.changed', (status) => queryClient.setQueryData(['sync.status', {}], status)),
      // After a reconnect whatever changed meanwhile is unknown: refetch everything shown.
      api.onState((s) => {
        if (s === 'connected') void queryClient.invalidateQueries();
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [api, queryClient]);
  return (
    <ApiContext.Provider value={api}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </ApiContext.Provider>
  );
}

/** Reads through a query command, cached by name and input. */
export function useCommandQuery<N extends CommandName>(
  name: N,
  input: CommandInput<N>,
  options: Partial<UseQueryOptions<CommandOutput<N>>> = {},
) {
  const api = useApi();
  return useQuery<CommandOutput<N>>({
    queryKey: [name, input],
    queryFn: () => api.call(name, input),
    ...options,
  });
}

/** Runs a changing command; the pushed event refreshes what it changed. */
export function useCommandMutation<N extends CommandName>(name: N) {
  const api = useApi();
  return useMutation<CommandOutput<N>, Error, CommandInput<N>>({
    mutationFn: (input) => api.call(name, input),
  });
}

/** Forces a refetch of dock data now, without waiting for the pushed event. */
export function useRefreshDock() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('dock.') });
}

/** Listens to a pushed event while the component is mounted; the latest listener is always used. */
export function useEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): void {
  const api = useApi();
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => api.on(event, (payload) => latest.current(payload)), [api, event]);
}

export function useConnectionState(): ConnectionState {
  return useConnection().state;
}

/** The link to core and, while it is down or just back, why it went down. */
export function useConnection(): { state: ConnectionState; reason?: DropReason } {
  const api = useApi();
  const [conn, setConn] = useState<{ state: ConnectionState; reason?: DropReason }>({ state: 'connecting' });
  useEffect(() => api.onState((state, reason) => setConn({ state, reason })), [api]);
  return conn;
}
