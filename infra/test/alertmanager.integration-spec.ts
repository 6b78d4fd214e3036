import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { testAlertmanagerConfig, testPrometheusConfig, writeJson } from './support/configs';
import { BIN, PROMETHEUS_DIR } from './support/observability-paths';
import { eventually, freePort, startDaemon, stopDaemons } from './support/processes';
import { PrometheusApi } from './support/prometheus-api';
import { startWebhookSink } from './support/webhook-sink';

/**
 * The real alert rules and the real Alertmanager config, end to end: a fake worker's /metrics
 * shows a BullMQ job failing, Prometheus (PipelineJobFailed has no `for`) fires, Alertmanager routes
 * it to the chat receiver, and the local webhook gets a Slack-compatible message.
 */
describe('alert delivery: Prometheus rules -> Alertmanager -> chat webhook (Debian packages)', () => {
  const sandbox = fs.mkdtempSync(path.join(os.tmpdir(), 'pdx-alerting-'));
  let failed = 0;
  const worker = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    res.end(
      [
        '# TYPE queue_jobs gauge',
        `queue_jobs{queue="ml-build",state="failed",service="ml-builder"} ${failed}`,
        `queue_jobs{queue="ml-build",state="waiting",service="ml-builder"} 0`,
        '',
      ].join('\n'),
    );
  });
  let sink: Awaited<ReturnType<typeof startWebhookSink>>;
  let prometheus: PrometheusApi;
  let alertmanagerUrl: string;

  beforeAll(async () => {
    sink = await startWebhookSink();
    await new Promise<void>((r) => worker.listen(0, '127.0.0.1', r));
    const workerTarget = `127.0.0.1:${(worker.address() as { port: number }).port}`;
    const [promPort, amPort, amCluster] = await Promise.all([freePort(), freePort(), freePort()]);
    alertmanagerUrl = `http://127.0.0.1:${amPort}`;

    const urlFile = path.join(sandbox, 'chat-webhook-url');
    fs.writeFileSync(urlFile, `${sink.url}/services/T000/B000/test`);
    const amConfig = path.join(sandbox, 'alertmanager.yml');
    fs.writeFileSync(amConfig, testAlertmanagerConfig(urlFile));
    const am = startDaemon(BIN.alertmanager, [
      `--config.file=${amConfig}`,
      `--storage.path=${path.join(sandbox, 'am-data')}`,
      `--web.listen-address=127.0.0.1:${amPort}`,
      `--cluster.listen-address=127.0.0.1:${amCluster}`,
      '--log.level=warn',
    ]);

    // Only the pipeline rules, scraping only the fake worker: the other jobs of the local config are dropped.
    const config = testPrometheusConfig({
      targets: { prometheus: `127.0.0.1:${promPort}`, alertmanager: null, node: null, api: null, ui: null, etl: null, 'ml-builder': workerTarget, 'mlflow-proxy': null },
      alertmanager: `127.0.0.1:${amPort}`,
      ruleFiles: [path.join(PROMETHEUS_DIR, 'rules/pipeline.rules.yml')],
    });
    const promConfig = writeJson(path.join(sandbox, 'prometheus.yml'), config);
    const prom = startDaemon(BIN.prometheus, [
      `--config.file=${promConfig}`,
      `--storage.tsdb.path=${path.join(sandbox, 'prom-data')}`,
      `--web.listen-address=127.0.0.1:${promPort}`,
      '--log.level=warn',
    ]);
    prometheus = new PrometheusApi(`http://127.0.0.1:${promPort}`);
    const ready = await eventually(async () => (await fetch(`${prometheus.baseUrl}/-/ready`)).ok && (await fetch(`${alertmanagerUrl}/-/ready`)).ok, 30_000);
    if (!ready) throw new Error(`Prometheus or Alertmanager did not start:\n${prom.output()}\n${am.output()}`);
  }, 60_000);

  afterAll(async () => {
    await stopDaemons();
    await sink?.close();
    await new Promise((r) => worker.close(r));
    fs.rmSync(sandbox, { recursive: true, force: true });
  });

  it('stays quiet while nothing fails', async () => {
    const scraped = await eventually(async () => (await prometheus.query('queue_jobs{state="failed"}')).result.length > 0, 20_000);
    expect(scraped).toBe(true);
    await new Promise((r) => setTimeout(r, 3000));
    expect((await prometheus.alerts()).alerts).toEqual([]);
    expect(sink.received).toEqual([]);
  });

  it('a job that fails fires PipelineJobFailed, and the chat webhook receives it in Slack format', async () => {
    failed = 1;
    const delivered = await eventually(async () => sink.received.find((r) => JSON.stringify(r.body).includes('PipelineJobFailed')), 45_000);
    expect(delivered).toBeDefined();
    expect(delivered!.path).toBe('/services/T000/B000/test');
    expect(delivered!.headers['content-type']).toMatch(/application\/json/);
    const body = delivered!.body as { username: string; attachments: { title: string; text: string; color: string }[] };
    expect(body.username).toBe('PredictionDex');
    expect(body.attachments[0].title).toBe('[FIRING:1] PipelineJobFailed (queue ml-build)');
    expect(body.attachments[0].text).toContain('*WARNING* jobs failed on queue ml-build');
    expect(body.attachments[0].text).toContain('1 job(s) failed on ml-build in the last 15 minutes');
    expect(body.attachments[0].color).toBe('warning');

    // Alertmanager holds it as active, with the rule's labels.
    const alerts = (await (await fetch(`${alertmanagerUrl}/api/v2/alerts`)).json()) as { labels: Record<string, string>; status: { state: string } }[];
    expect(alerts.map((a) => [a.labels['alertname'], a.labels['queue'], a.labels['severity'], a.status.state])).toEqual([['PipelineJobFailed', 'ml-build', 'warning', 'active']]);
  });
});
