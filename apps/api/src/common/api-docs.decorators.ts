import { applyDecorators } from '@nestjs/common';
import { ApiResponse, ApiSecurity } from '@nestjs/swagger';
import type { ApiKeyScope } from '@predictiondex/config';
import { RequireScope } from '../auth/require-scope.decorator';
import { ApiErrorDto } from './dto/api-error.dto';

export const API_KEY_SECURITY = 'api-key';

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid parameters or body; `details` names each bad field',
  401: 'Missing or unknown X-API-Key',
  403: 'The key lacks the scope this endpoint needs',
  404: 'No such resource',
  409: 'Conflicts with what is already recorded (a different outcome for the same prediction); the message names it',
  413: 'Body larger than the limit',
  422: 'Well-formed but not acceptable (unknown ids or names, moves the Pokémon cannot learn); `details` names them',
  429: 'Rate limit exceeded; see Retry-After',
  503: 'Temporarily unavailable (no model loaded yet, the simulator busy, a dependency unreachable or catching up); see Retry-After when given',
};

/** Documents the error responses of an endpoint, all with the API's error body. */
export function ApiErrors(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(...statuses.map((status) => ApiResponse({ status, description: ERROR_DESCRIPTIONS[status], type: ApiErrorDto })));
}

/** Scope check (auth hook) + its documentation: security requirement and the auth/rate-limit errors. */
export function Scope(scope: ApiKeyScope): MethodDecorator {
  return applyDecorators(
    RequireScope(scope),
    ApiSecurity(API_KEY_SECURITY),
    ApiErrors(401, 403, 429),
  ) as MethodDecorator;
}
