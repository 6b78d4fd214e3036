import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { redisOptionsFromUrl } from '@predictiondex/queues';
import { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { QUEUE_DASHBOARD_OPTIONS, QUEUE_DASHBOARD_ROUTE, QueueDashboardOptions } from './queue-dashboard.options';

/**
 * Mounts Bull Board (the BullMQ equivalent of Celery's Flower) on the app's Fastify instance, in an
 * encapsulated plugin whose onRequest hook asks `authorize` first: nothing under the base path, not
 * even the static files, is served to a request it refuses (401 with a Basic challenge, so a browser
 * prompts for credentials). Its routes carry the QUEUE_DASHBOARD_ROUTE flag in their route config.
 */
@Injectable()
export class QueueDashboardMount implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(QueueDashboardMount.name);
  private readonly queues: Queue[] = [];

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(QUEUE_DASHBOARD_OPTIONS) private readonly options: QueueDashboardOptions,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify?.register) throw new Error('QueueDashboardModule needs the Fastify platform (@nestjs/platform-fastify)');
    const basePath = this.options.basePath.replace(/\/+$/, '');
    const connection = redisOptionsFromUrl(this.options.redisUrl);
    for (const name of this.options.queues) {
      const queue = new Queue(name, { connection, prefix: this.options.queuePrefix });
      queue.on('error', (e) => this.logger.warn(`queue ${name}: ${e.message}`));
      this.queues.push(queue);
    }
    const board = new BullBoardFastifyAdapter();
    board.setBasePath(basePath);
    createBullBoard({
      queues: this.queues.map((q) => new BullMQAdapter(q, { readOnlyMode: this.options.readOnly ?? false })),
      // @bull-board/fastify pins its own copy of @bull-board/api: same shape, distinct declarations.
      serverAdapter: board as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
      options: { uiConfig: { boardTitle: this.options.title ?? 'PredictionDex queues' } },
    });
    const realm = (this.options.realm ?? 'PredictionDex queue dashboard').replace(/"/g, '');
    const authorize = this.options.authorize;
    fastify.register(
      async (scope: FastifyInstance) => {
        // Every route registered in this scope (Bull Board's, static files included) gets the hook
        // below; the flag lets the app's own auth recognise exactly those routes.
        scope.addHook('onRoute', (route) => {
          route.config = { ...((route.config as object | undefined) ?? {}), [QUEUE_DASHBOARD_ROUTE]: true } as typeof route.config;
        });
        scope.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
          let allowed = false;
          try {
            allowed = await authorize(request);
          } catch {
            allowed = false;
          }
          if (!allowed) {
            return reply
              .code(401)
              .header('www-authenticate', `Basic realm="${realm}", charset="UTF-8"`)
              .header('cache-control', 'no-store')
              .type('application/json; charset=utf-8')
              .send({ statusCode: 401, error: 'Unauthorized', message: 'admin credentials required for the queue dashboard' });
          }
        });
        await scope.register(board.registerPlugin() as never);
      },
      { prefix: basePath },
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.queues.map((q) => q.close()));
  }
}
