import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { ArtifactStore } from './artifact-store.service';

/** The artifact volume is mounted and writable (a read-only or full volume fails uploads). */
@Injectable()
export class ArtifactRootHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly store: ArtifactStore,
  ) {}

  async isHealthy(key: string): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(key);
    try {
      await this.store.checkWritable();
      return indicator.up({ path: this.store.rootDir });
    } catch (e) {
      return indicator.down({ path: this.store.rootDir, message: (e as Error).message });
    }
  }
}
