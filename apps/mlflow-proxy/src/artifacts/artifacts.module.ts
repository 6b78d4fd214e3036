import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { RunsModule } from '../runs/runs.module';
import { ArtifactRootHealthIndicator } from './artifact-root.health';
import { ArtifactStore } from './artifact-store.service';
import { MlflowArtifactsController } from './mlflow-artifacts.controller';
import { RunArtifactsController } from './run-artifacts.controller';

@Module({
  imports: [RunsModule, TerminusModule],
  controllers: [MlflowArtifactsController, RunArtifactsController],
  providers: [ArtifactStore, ArtifactRootHealthIndicator],
  exports: [ArtifactStore, ArtifactRootHealthIndicator],
})
export class ArtifactsModule {}
