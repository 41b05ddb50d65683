import { timestampDate } from '@bufbuild/protobuf/wkt';
import { KeyStatus, type Key } from '../../proto/gen/publisher/v1/key_pb.ts';

/** A registered key as --json prints it. */
export interface KeyView {
  readonly scheme: string;
  readonly publicKey: string;
  readonly address: string;
  readonly label: string;
  readonly status: string;
  readonly createdAt: string | null;
  readonly revokedAt: string | null;
  readonly revokeReason: string | null;
}

export function keyView(key: Key | undefined): KeyView {
  return {
    scheme: key?.key?.scheme ?? '',
    publicKey: key?.key?.publicKey ?? '',
    address: key?.address ?? '',
    label: key?.label ?? '',
    status: KeyStatus[key?.status ?? KeyStatus.UNSPECIFIED] ?? 'UNSPECIFIED',
    createdAt: key?.createdAt ? timestampDate(key.createdAt).toISOString() : null,
    revokedAt: key?.revokedAt ? timestampDate(key.revokedAt).toISOString() : null,
    revokeReason: key?.revokeReason || null,
  };
}

/** `ACTIVE   1Abc…  secp256k1  "label"  since 2026-…`. */
export function keyLine(view: KeyView): string {
  const when = view.revokedAt ? `revoked ${view.revokedAt}${view.revokeReason ? ` (${view.revokeReason})` : ''}` : `since ${view.createdAt ?? '?'}`;
  return [view.status.padEnd(8), view.address, view.scheme, view.label ? JSON.stringify(view.label) : '', when].filter((part) => part !== '').join('  ');
}
