// Errors as the JSON API v1 answers them: {status, errors[, ledgerApiError]} with the HTTP status in both places.
import { isDamlLfError } from "@dit/daml-lf";
import { LedgerApiError } from "@dit/ledger-api";

export class JsonApiError extends Error {
  override readonly name = "JsonApiError";
  constructor(
    readonly status: number,
    readonly errors: readonly string[],
    readonly ledgerApiError?: { code: number; message: string; details: unknown[] },
  ) {
    super(errors.join("; "));
  }

  body(): Record<string, unknown> {
    return { status: this.status, errors: this.errors, ...(this.ledgerApiError ? { ledgerApiError: this.ledgerApiError } : {}) };
  }
}

export const badRequest = (message: string) => new JsonApiError(400, [message]);
export const unauthorized = (message: string) => new JsonApiError(401, [message]);

// gRPC status → HTTP status, as the JSON API maps Ledger API failures.
const HTTP_BY_GRPC: Record<string, number> = {
  INVALID_ARGUMENT: 400,
  FAILED_PRECONDITION: 400,
  OUT_OF_RANGE: 400,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  ABORTED: 409,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  DEADLINE_EXCEEDED: 504,
  UNAVAILABLE: 503,
  RESOURCE_EXHAUSTED: 503,
};

/** Any failure as a JsonApiError: Ledger API errors keep their gRPC code, LF-JSON errors become 400s. */
export function toJsonApiError(error: unknown): JsonApiError {
  if (error instanceof JsonApiError) return error;
  if (error instanceof LedgerApiError) {
    const status = HTTP_BY_GRPC[error.grpcStatus] ?? 500;
    return new JsonApiError(status, [`${error.grpcStatus}: ${error.details}`], { code: error.grpcCode, message: error.details, details: [] });
  }
  if (isDamlLfError(error)) return badRequest(error.message);
  return new JsonApiError(500, [error instanceof Error ? error.message : String(error)]);
}
