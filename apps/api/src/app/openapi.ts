import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { API_KEY_SECURITY } from '../common/api-docs.decorators';
import { DOCS_PATH, OPENAPI_JSON_PATH } from '../common/public-routes';

/** Version of the HTTP contract (bump on a breaking change); not the package version. */
export const API_CONTRACT_VERSION = '1.0.0';

const DESCRIPTION = `Predicts the winner of a Pokémon Let's Go 1v1 battle and recommends A's best move.

Authentication: send an API key in the \`X-API-Key\` header. Scopes: \`read\` (Pokédex, model info, drift and
performance reports, decisions), \`predict\` (/predict, feedback), \`admin\` (everything, plus /admin and POST
/monitoring/drift/check). Missing or unknown key: 401; out of scope: 403; over the per-key rate limit: 429 with
\`Retry-After\`. /health*, /metrics, /docs and /openapi.json are public. The queue dashboard (/admin/queues, not in
this spec) takes Basic auth with an admin key as the password.

Every error is \`{statusCode, error, message, details?}\`; validation errors list each bad field in \`details\`.`;

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('PredictionDex API')
    .setDescription(DESCRIPTION)
    .setVersion(API_CONTRACT_VERSION)
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'name:key:scopes entries of API_KEYS' }, API_KEY_SECURITY)
    .addTag('pokemon')
    .addTag('moves')
    .addTag('types')
    .addTag('predict')
    .addTag('monitoring')
    .addTag('feedback')
    .addTag('performance')
    .addTag('decisions')
    .addTag('admin')
    .build();
  return SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controllerKey: string, methodKey: string) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
}

/** Serves the docs UI at /docs and the spec at /openapi.json. */
export function setupOpenApi(app: INestApplication): OpenAPIObject {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup(DOCS_PATH, app, document, {
    jsonDocumentUrl: OPENAPI_JSON_PATH.slice(1),
    raw: ['json'],
    customSiteTitle: 'PredictionDex API',
  });
  return document;
}
