import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ParallelBattleRunner } from '@predictiondex/battle';
import { ApiConfig, InjectConfig } from '@predictiondex/config';
import { simulateMatchup, SimulationRequest, SimulationResult } from '@predictiondex/prediction';
import { ApiError } from '../common/api-error';

/**
 * Runs /predict/simulate battles on worker threads (never on the event loop), in chunks within a
 * time budget, at most SIMULATE_MAX_CONCURRENT at once: more get a 503 with Retry-After.
 */
@Injectable()
export class BattleSimulator implements OnApplicationShutdown {
  private runner?: ParallelBattleRunner;
  private running = 0;

  constructor(@InjectConfig() private readonly config: ApiConfig) {}

  async simulate(request: Omit<SimulationRequest, 'timeBudgetMs'>): Promise<SimulationResult> {
    if (this.running >= this.config.SIMULATE_MAX_CONCURRENT) {
      throw ApiError.unavailable(`the simulator is busy (${this.running} simulations running); retry shortly`, 1);
    }
    this.running++;
    try {
      this.runner ??= new ParallelBattleRunner({ workers: this.config.SIMULATE_WORKERS });
      return await simulateMatchup(this.runner, { ...request, timeBudgetMs: this.config.SIMULATE_TIME_BUDGET_MS });
    } finally {
      this.running--;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner?.close();
  }
}
