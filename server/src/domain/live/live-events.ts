import type { LiveEvent } from '../../../../src/contract/events';
import type { Actor } from '../identity/actor';

/** An event as published, with the tenant it belongs to (never sent to clients of other tenants). */
export type PublishedEvent = Exclude<LiveEvent, { type: 'hello' }> & {
  readonly tenantId: string;
  /**
   * Routing only, never sent: `true` keeps the event from the agent it is about (a
   * `monitoring` event where the tenant's policy does not tell agents they are monitored).
   */
  readonly hiddenFromAgent?: boolean;
};

/**
 * True when `actor` may receive `event`.
 * @remarks Administrators: their whole tenant. Supervisors: events of their groups.
 * Agents: their own state and calls only (queue figures are for supervisors: agents read
 * their queues with GET /api/queues).
 */
export function mayReceive(actor: Actor, event: PublishedEvent): boolean {
  if (event.tenantId !== actor.tenantId) return false;
  if (actor.role === 'administrator') return true;
  if (event.type === 'queue') return actor.role === 'supervisor' && actor.groupIds.includes(event.groupId);
  if (event.hiddenFromAgent === true && actor.role === 'agent') return false;
  if (event.type === 'agent-state' || event.type === 'monitoring') {
    if (actor.role === 'agent') return event.agentId === actor.userId;
    return event.groupIds.some((groupId) => actor.groupIds.includes(groupId));
  }
  if (actor.role === 'agent') return event.agentId === actor.userId;
  return event.groupId !== null && actor.groupIds.includes(event.groupId);
}

/**
 * In-process fan-out of live events to WebSocket subscribers.
 * @remarks One service instance today; with several behind a load balancer, a broker (NATS or
 * Redis from Debian) replaces this class behind the same two methods.
 */
export class LiveEvents {
  private readonly subscribers = new Set<{ actor: Actor; deliver: (event: LiveEvent) => void }>();

  /** Sends an event to every subscriber allowed to see it. */
  publish(event: PublishedEvent): void {
    const { tenantId: _tenant, hiddenFromAgent: _hidden, ...payload } = event;
    for (const subscriber of this.subscribers) {
      if (mayReceive(subscriber.actor, event)) subscriber.deliver(payload);
    }
  }

  /** Registers a subscriber; returns the function that removes it. */
  subscribe(actor: Actor, deliver: (event: LiveEvent) => void): () => void {
    const subscriber = { actor, deliver };
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  /** Number of connected subscribers (metrics, tests). */
  get size(): number {
    return this.subscribers.size;
  }
}
