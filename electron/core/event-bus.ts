import type { EventMessage, EventName, EventPayload } from '@shared/contract';

export type EventListener = (message: EventMessage) => void;

/** Events the core pushes to every connected client. */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  emit<N extends EventName>(event: N, payload: EventPayload<N>): void {
    const message: EventMessage = { event, payload };
    for (const listener of this.listeners) {
      try {
        listener(message);
      } catch {
        // One broken client must not stop the others from hearing the event.
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
