import { unknownTarget } from './errors.ts';

/** Refuses (UNKNOWN_TARGET) an intent naming any chain this node does not publish to. */
export function checkTargets(targets: readonly string[], enabled: ReadonlySet<string>): void {
  const unknown = targets.filter((target) => !enabled.has(target));
  if (unknown.length > 0) {
    throw unknownTarget(unknown, [...enabled].sort());
  }
}
