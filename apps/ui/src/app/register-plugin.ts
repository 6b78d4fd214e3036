import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * Registers a Fastify plugin on Nest's adapter. @fastify/helmet and @fastify/static are typed against
 * the workspace's fastify, @nestjs/platform-fastify against its own copy: the two instance types do
 * not unify, so the plugin goes through untyped here while its options stay typed at the call site.
 */
export async function registerPlugin<O extends object>(app: NestFastifyApplication, plugin: unknown, options: O): Promise<void> {
  await app.register(plugin as never, options as never);
}
