import { Controller, ForbiddenException, Get, Module, Param, UseGuards } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { MetricsModule } from './metrics.module';

class DenyGuard {
  canActivate(): boolean {
    throw new ForbiddenException('no');
  }
}

@Controller()
class ThingsController {
  @Get('things/:id')
  get(@Param('id') id: string) {
    return { id };
  }

  @Get('secret')
  @UseGuards(DenyGuard)
  secret() {
    return {};
  }
}

@Module({ imports: [MetricsModule.forRoot({ service: 'test', httpMetricPrefix: 'testsvc' })], controllers: [ThingsController] })
class TestModule {}

describe('MetricsModule over a real Fastify server', () => {
  let app: NestFastifyApplication;
  let base: string;

  beforeAll(async () => {
    app = await NestFactory.create<NestFastifyApplication>(TestModule, new FastifyAdapter(), { logger: false });
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });
  afterAll(() => app.close());

  it('labels by route template, counts guard rejections and unmatched routes as errors', async () => {
    for (const id of ['1', '2', '3']) expect((await fetch(`${base}/things/${id}`)).status).toBe(200);
    expect((await fetch(`${base}/secret`)).status).toBe(403);
    expect((await fetch(`${base}/no/such/path/${Math.random()}`)).status).toBe(404);

    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toMatch(/testsvc_requests_total\{method="GET",endpoint="\/things\/:id",status="200",service="test"\} 3/);
    expect(text).not.toMatch(/endpoint="\/things\/1"/);
    expect(text).toMatch(/testsvc_errors_total\{method="GET",endpoint="\/secret",status_class="4xx",service="test"\} 1/);
    expect(text).toMatch(/testsvc_errors_total\{method="GET",endpoint="unmatched",status_class="4xx",service="test"\} 1/);
    expect(text).toMatch(/testsvc_request_duration_seconds_count\{service="test",method="GET",endpoint="\/things\/:id"\} 3/);
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).not.toMatch(/endpoint="\/metrics"/);
  });
});
