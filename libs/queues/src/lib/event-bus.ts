import type Redis from 'ioredis';
import { z } from 'zod';
import { EVENTS, EventName } from './queue-names';
import { etlCompletedEventSchema, modelPublishedEventSchema, parsePayload } from './job-payloads';

const EVENT_SCHEMAS = {
  [EVENTS.modelPublished]: modelPublishedEventSchema,
  [EVENTS.etlCompleted]: etlCompletedEventSchema,
} satisfies Record<EventName, z.ZodTypeAny>;
export type EventPayload<E extends EventName> = z.infer<(typeof EVENT_SCHEMAS)[E]>;

export const eventChannel = (prefix: string, event: EventName): string => `${prefix}:events:${event}`;

/**
 * Broadcasts events to every subscribed process (each api replica reloads its model). The last
 * payload of each event is also kept in a key, so a process that was down can catch up at start.
 */
export class EventBus {
  private readonly handlers = new Map<string, ((payload: unknown) => void | Promise<void>)[]>();

  constructor(
    private readonly prefix: string,
    private readonly publisher: Redis,
    private readonly subscriber?: Redis,
    private readonly onHandlerError: (event: string, error: unknown) => void = () => undefined,
  ) {
    subscriber?.on('message', (channel: string, message: string) => void this.dispatch(channel, message));
  }

  async publish<E extends EventName>(event: E, payload: EventPayload<E>): Promise<void> {
    const body = JSON.stringify(parsePayload(event, EVENT_SCHEMAS[event], payload));
    await this.publisher.multi().set(`${eventChannel(this.prefix, event)}:last`, body).publish(eventChannel(this.prefix, event), body).exec();
  }

  async last<E extends EventName>(event: E): Promise<EventPayload<E> | null> {
    const body = await this.publisher.get(`${eventChannel(this.prefix, event)}:last`);
    return body === null ? null : parsePayload(event, EVENT_SCHEMAS[event], JSON.parse(body));
  }

  async subscribe<E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void | Promise<void>): Promise<void> {
    if (!this.subscriber) throw new Error('EventBus was created without a subscriber connection');
    const channel = eventChannel(this.prefix, event);
    const list = this.handlers.get(channel) ?? [];
    list.push(handler as (payload: unknown) => void);
    this.handlers.set(channel, list);
    if (list.length === 1) await this.subscriber.subscribe(channel);
  }

  private async dispatch(channel: string, message: string): Promise<void> {
    const event = channel.slice(`${this.prefix}:events:`.length) as EventName;
    for (const handler of this.handlers.get(channel) ?? []) {
      try {
        await handler(parsePayload(event, EVENT_SCHEMAS[event], JSON.parse(message)));
      } catch (e) {
        this.onHandlerError(event, e);
      }
    }
  }
}
