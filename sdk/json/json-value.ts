/** A value JSON can carry, and so one that RFC 8785 can canonicalise. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}
