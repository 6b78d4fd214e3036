import { Controller, Get } from '@nestjs/common';
import { InjectConfig, UiConfig } from '@predictiondex/config';
import { AboutResponse } from '../contract/bff-contract';
import { ApiStatusService } from './api-status.service';

const STARTED_AT = new Date().toISOString();

/** GET /bff/about: what the Credits and Pipeline pages need besides the api's data (versions, links). */
@Controller('bff')
export class AboutController {
  constructor(
    @InjectConfig() private readonly config: UiConfig,
    private readonly apiStatus: ApiStatusService,
  ) {}

  @Get('about')
  async about(): Promise<AboutResponse> {
    const [live, description] = await Promise.all([this.apiStatus.liveness(), this.apiStatus.describe()]);
    return {
      ui: { node: process.version, started_at: STARTED_AT },
      api: { reachable: live.reachable, version: description?.version ?? null, title: description?.title ?? null },
      links: { api_docs: this.config.API_DOCS_URL, queue_dashboard: this.config.QUEUE_DASHBOARD_URL, grafana: this.config.GRAFANA_URL },
    };
  }
}
