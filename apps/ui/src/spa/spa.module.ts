import { DynamicModule, Module } from '@nestjs/common';
import { SPA_STATIC_DIR, SpaFallbackController } from './spa-fallback.controller';

@Module({})
export class SpaModule {
  static forRoot(staticDir: string): DynamicModule {
    return { module: SpaModule, controllers: [SpaFallbackController], providers: [{ provide: SPA_STATIC_DIR, useValue: staticDir }] };
  }
}
