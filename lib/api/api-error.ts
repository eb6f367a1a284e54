import { SafeError } from "../errors";

/**
 * Error codes API clients can branch on. They are part of the public contract (documented in
 * the OpenAPI document): add new ones, never rename or reuse one.
 */
export const API_ERROR_CODES = {
  unauthorized: 401,
  forbidden: 403,
  insufficient_scope: 403,
  enterprise_required: 403,
  not_found: 404,
  malformed_json: 400,
  invalid_input: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  idempotency_key_reused: 409,
  idempotency_key_in_use: 409,
  invalid_idempotency_key: 400,
  conflict: 409,
  unprocessable: 422,
  missing_variables: 422,
  rate_limited: 429,
  internal_error: 500,
} as const;

export type ApiErrorCode = keyof typeof API_ERROR_CODES;

export function apiError(code: ApiErrorCode, message: string, details?: unknown): SafeError {
  return new SafeError(message, { status: API_ERROR_CODES[code], code, details });
}
