export { buildJsonApiServer } from "./server.js";
export type { JsonApiServerOptions } from "./server.js";
export { startJsonApi } from "./start.js";
export type { JsonApi, StartJsonApiOptions } from "./start.js";
export { JsonApiError } from "./errors.js";
export { readClaims } from "./tokens.js";
export type { TokenClaims } from "./tokens.js";
