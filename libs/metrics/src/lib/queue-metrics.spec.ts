import { register } from 'prom-client';
import { CountableQueue, registerQueueMetrics } from './queue-metrics';

const fake = (name: string, counts: Record<string, number> | 'hang' | 'error'): CountableQueue => ({
  name,
  getJobCounts: () => (counts === 'hang' ? new Promise(() => undefined) : counts === 'error' ? Promise.reject(new Error('redis down')) : Promise.resolve(counts)),
});

describe('queue_jobs gauge', () => {
  afterEach(() => register.resetMetrics());

  it('exports every state of every registered queue, and stops when unregistered', async () => {
    const stopA = registerQueueMetrics([fake('ml-build', { waiting: 3, active: 1, delayed: 0, failed: 2, completed: 7 })]);
    const stopB = registerQueueMetrics([fake('etl', { waiting: 0, active: 0, delayed: 1, failed: 0, completed: 1 })]);
    let text = await register.metrics();
    expect(text).toContain('queue_jobs{queue="ml-build",state="waiting"} 3');
    expect(text).toContain('queue_jobs{queue="ml-build",state="failed"} 2');
    expect(text).toContain('queue_jobs{queue="etl",state="delayed"} 1');
    expect(text.match(/^queue_jobs\{/gm)).toHaveLength(10);
    stopB();
    text = await register.metrics();
    expect(text).not.toContain('queue="etl"');
    stopA();
  });

  it('drops a queue that does not answer in time and counts the error, without blocking the scrape', async () => {
    const stop = registerQueueMetrics([fake('slow', 'hang'), fake('broken', 'error'), fake('ok', { waiting: 1 })], 50);
    const started = Date.now();
    const text = await register.metrics();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(text).not.toContain('queue_jobs{queue="slow"');
    expect(text).toContain('queue_jobs{queue="ok",state="waiting"} 1');
    expect(text).toContain('queue_jobs{queue="ok",state="completed"} 0');
    // Metrics are serialised concurrently: the error counter shows the failure from the next scrape on.
    const next = await register.metrics();
    expect(next).toMatch(/queue_metrics_errors_total\{queue="slow"\} [12]/);
    expect(next).toMatch(/queue_metrics_errors_total\{queue="broken"\} [12]/);
    expect(next).not.toMatch(/queue_metrics_errors_total\{queue="ok"\}/);
    stop();
  });
});
