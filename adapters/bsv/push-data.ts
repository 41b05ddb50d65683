const OP_PUSHDATA1 = 0x4c;
const OP_PUSHDATA2 = 0x4d;
const OP_PUSHDATA4 = 0x4e;

/**
 * A data push with the shortest length prefix: a direct push up to 75 bytes, PUSHDATA1 up to 255,
 * PUSHDATA2 up to 65535 (the 512-byte RSA key and signature), PUSHDATA4 beyond. Every value, even a
 * one-byte 0x01, is written as data (`01 01`), never as a small-number opcode (OP_1): see
 * record-script.ts for why.
 */
export function pushData(data: Uint8Array): Buffer {
  const n = data.length;
  let prefix: Buffer;
  if (n < OP_PUSHDATA1) prefix = Buffer.from([n]);
  else if (n <= 0xff) prefix = Buffer.from([OP_PUSHDATA1, n]);
  else if (n <= 0xffff) prefix = Buffer.from([OP_PUSHDATA2, n & 0xff, n >> 8]);
  else {
    prefix = Buffer.alloc(5);
    prefix[0] = OP_PUSHDATA4;
    prefix.writeUInt32LE(n, 1);
  }
  return Buffer.concat([prefix, data]);
}
