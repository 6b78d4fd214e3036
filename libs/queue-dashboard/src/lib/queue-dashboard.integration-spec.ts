import fs from 'node:fs';
import path from 'node:path';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { redisOptionsFromUrl } from '@predictiondex/queues';
import { deleteRedisPrefix, TEST_REDIS_URL, testQueuePrefix, WORKSPACE_ROOT } from '@predictiondex/testing';
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import { chromium } from 'playwright-core';
import { basicCredentials } from './basic-auth';
import { QueueDashboardModule } from './queue-dashboard.module';
import { isQueueDashboardRoute } from './queue-dashboard.options';

const prefix = testQueuePrefix('queue_dashboard');
const ADMIN_KEY = 'test-admin-key-0123456789';
const auth = (user: string, pass: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}` });

/** An app route under the same path, not the dashboard's: it must not carry the flag. */
@Controller('admin/queues-report')
class OtherController {
  @Get()
  get() {
    return { ok: true };
  }
}

@Module({
  controllers: [OtherController],
  imports: [
    QueueDashboardModule.forRootAsync({
      useFactory: () => ({
        basePath: '/admin/queues',
        redisUrl: TEST_REDIS_URL,
        queuePrefix: prefix,
        queues: ['ml-build', 'drift'],
        // What the api plugs in: the password must be an API key with the admin scope.
        authorize: (req) => basicCredentials(req)?.password === ADMIN_KEY,
      }),
    }),
  ],
})
class DashboardTestModule {}

describe('queue dashboard (Bull Board) behind admin auth, on a real Fastify app and Redis', () => {
  let app: NestFastifyApplication;
  let base: string;
  /** What an app-wide hook (the api's auth) sees: route template -> carries the dashboard flag. */
  const flagged = new Map<string, boolean>();
  const queue = new Queue('ml-build', { connection: redisOptionsFromUrl(TEST_REDIS_URL), prefix });

  beforeAll(async () => {
    app = await NestFactory.create<NestFastifyApplication>(DashboardTestModule, new FastifyAdapter(), { logger: ['error'] });
    app.getHttpAdapter().getInstance().addHook('onRequest', async (request) => {
      if (request.routeOptions.url) flagged.set(request.routeOptions.url, isQueueDashboardRoute(request));
    });
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
    await queue.add('build', { etlRunId: 1 });
    await queue.add('retrain', { reasons: ['drift'] }, { delay: 3_600_000 });
    const worker = new Worker('ml-build', async () => {
      throw new UnrecoverableError('dataset stage failed: test');
    }, { connection: redisOptionsFromUrl(TEST_REDIS_URL), prefix });
    for (let i = 0; i < 50 && (await queue.getJobCounts('failed'))['failed'] < 1; i++) await new Promise((r) => setTimeout(r, 100));
    await worker.close();
  });
  afterAll(async () => {
    await queue.close();
    await app?.close();
    await deleteRedisPrefix(prefix);
  });

  it('refuses every path under the mount without admin credentials, with a Basic challenge', async () => {
    for (const p of ['/admin/queues', '/admin/queues/api/queues', '/admin/queues/static/images/logo.svg', '/admin/queues/api/queues/ml-build/retry/failed']) {
      const res = await fetch(`${base}${p}`, { method: p.endsWith('retry/failed') ? 'PUT' : 'GET', headers: auth('admin', 'wrong') });
      expect([p, res.status]).toEqual([p, 401]);
      expect(res.headers.get('www-authenticate')).toBe('Basic realm="PredictionDex queue dashboard", charset="UTF-8"');
    }
    expect((await fetch(`${base}/admin/queues`)).status).toBe(401);
  });

  it('serves the UI and the queue API to an admin: counts, the failed job and its error', async () => {
    const page = await fetch(`${base}/admin/queues`, { headers: auth('admin', ADMIN_KEY) });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<base href="/admin/queues/"');
    const api = await fetch(`${base}/admin/queues/api/queues?activeQueue=ml-build&status=failed`, { headers: auth('admin', ADMIN_KEY) });
    expect(api.status).toBe(200);
    const body = (await api.json()) as { queues: { name: string; counts: Record<string, number>; jobs: { failedReason?: string }[] }[] };
    const mlBuild = body.queues.find((q) => q.name === 'ml-build')!;
    expect(mlBuild.counts).toMatchObject({ failed: 1, delayed: 1 });
    expect(mlBuild.jobs[0].failedReason).toBe('dataset stage failed: test');
    expect(body.queues.map((q) => q.name).sort()).toEqual(['drift', 'ml-build']);
  });

  it('flags every route it mounts (UI, static files, API) for an app-wide auth hook, and no other', async () => {
    await fetch(`${base}/admin/queues/static/images/logo.svg`, { headers: auth('admin', ADMIN_KEY) });
    expect((await fetch(`${base}/admin/queues-report`)).status).toBe(200);
    expect(flagged.get('/admin/queues')).toBe(true);
    expect(flagged.get('/admin/queues/api/queues')).toBe(true);
    expect(flagged.get('/admin/queues/static/*')).toBe(true);
    expect(flagged.get('/admin/queues-report')).toBe(false);
    expect(isQueueDashboardRoute({ routeOptions: { config: {} } })).toBe(false);
  });

  it('renders in Chromium for an admin (credentials prompt answered), nothing fetched off-host', async () => {
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    try {
      const context = await browser.newContext({ httpCredentials: { username: 'admin', password: ADMIN_KEY }, viewport: { width: 1280, height: 800 } });
      const offHost: string[] = [];
      // The Bull Board page links a web font from Google: tests never leave 127.0.0.1.
      await context.route('**/*', (route) => {
        const url = new URL(route.request().url());
        if (url.hostname === '127.0.0.1') return route.continue();
        offHost.push(url.hostname);
        return route.abort();
      });
      const page = await context.newPage();
      await page.goto(`${base}/admin/queues/queue/ml-build?status=failed`);
      await page.getByText('dataset stage failed: test').first().waitFor({ timeout: 20_000 });
      const dir = path.join(WORKSPACE_ROOT, 'tmp/screenshots');
      fs.mkdirSync(dir, { recursive: true });
      await page.screenshot({ path: path.join(dir, 'queue-dashboard.png'), fullPage: true });
      expect(fs.statSync(path.join(dir, 'queue-dashboard.png')).size).toBeGreaterThan(10_000);
      expect(offHost.every((h) => h.endsWith('googleapis.com') || h.endsWith('gstatic.com'))).toBe(true);
    } finally {
      await browser.close();
    }
  });
});
