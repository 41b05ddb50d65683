export { canonicalJson } from './canonical-json.ts';
export { sha256 } from './sha256.ts';
export { decodeBase64Url, encodeBase64Url } from './base64url.ts';
export type { JsonArray, JsonObject, JsonValue } from './json-value.ts';
