import { ByteReader } from '../../encoding/byte-reader.ts';

const opFalse = 0x00;
const opReturn = 0x6a;
const opPushData1 = 0x4c;
const opPushData2 = 0x4d;
const opPushData4 = 0x4e;
const op1Negate = 0x4f;
const op1 = 0x51;
const op16 = 0x60;

/**
 * The data pushed after `OP_FALSE OP_RETURN`, or undefined when the script does not start so.
 * Each push is read as the bytes it puts on the stack, whichever push opcode spells it (a direct
 * push, PUSHDATA1/2/4, or a small-number opcode such as OP_1 for the byte 0x01), so a builder's
 * choice of minimal encoding does not matter. Any opcode that is not a push fails the parse.
 */
export function opReturnPushes(script: Uint8Array): Uint8Array[] | undefined {
  if (script[0] !== opFalse || script[1] !== opReturn) return undefined;
  const reader = new ByteReader(script.subarray(2), 'OP_RETURN script');
  const pushes: Uint8Array[] = [];
  while (reader.remaining > 0) {
    const op = reader.u8('opcode');
    const at = `push ${pushes.length + 1}`;
    if (op === opFalse) pushes.push(new Uint8Array(0));
    else if (op < opPushData1) pushes.push(reader.read(op, at));
    else if (op === opPushData1) pushes.push(reader.read(reader.uintLE(1, at), at));
    else if (op === opPushData2) pushes.push(reader.read(reader.uintLE(2, at), at));
    else if (op === opPushData4) pushes.push(reader.read(reader.uintLE(4, at), at));
    else if (op === op1Negate) pushes.push(Uint8Array.of(0x81));
    else if (op >= op1 && op <= op16) pushes.push(Uint8Array.of(op - op1 + 1));
    else reader.fail(`opcode 0x${op.toString(16).padStart(2, '0')} is not a data push`);
  }
  return pushes;
}
