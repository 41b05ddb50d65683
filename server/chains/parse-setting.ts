import type { SettingDeclaration, SettingValue } from '../../core/plugin/index.ts';

/**
 * A raw value (a yaml scalar, or an environment string) checked against its declaration: the
 * value, or what is wrong with it (for a message that names the setting and where it came from).
 */
export function parseSetting(setting: SettingDeclaration, raw: unknown): { value: SettingValue } | { problem: string } {
  const got = `got ${JSON.stringify(typeof raw === 'bigint' ? raw.toString() : raw)}`;
  switch (setting.type) {
    case 'string': {
      if (typeof raw !== 'string' || raw === '') return { problem: `must be a non-empty string, ${got}` };
      if (setting.values && !setting.values.includes(raw)) return { problem: `must be one of ${setting.values.join(', ')}, ${got}` };
      return { value: raw };
    }
    case 'integer': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
      const min = setting.min ?? Number.MIN_SAFE_INTEGER;
      const max = setting.max ?? Number.MAX_SAFE_INTEGER;
      if (!Number.isSafeInteger(n) || n < min || n > max) return { problem: `must be an integer from ${min} to ${max}, ${got}` };
      return { value: n };
    }
    case 'boolean': {
      if (raw === true || raw === 'true') return { value: true };
      if (raw === false || raw === 'false') return { value: false };
      return { problem: `must be true or false, ${got}` };
    }
    case 'amount': {
      const text = typeof raw === 'number' && Number.isSafeInteger(raw) ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
      const min = setting.min ?? 0n;
      if (!/^\d+$/.test(text) || BigInt(text) < min) return { problem: `must be a whole amount in the chain's unit, at least ${min} (a number or a string of digits), ${got}` };
      return { value: BigInt(text) };
    }
  }
}
