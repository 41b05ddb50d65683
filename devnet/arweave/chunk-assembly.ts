/** A transaction header posted without its data, and the chunks of that data received so far. */
export interface HeldUpload {
  header: Record<string, unknown> & { id: string; data_root: string; data_size: string };
  size: number;
  /** Chunk bytes by start offset. */
  chunks: Map<number, Uint8Array>;
}

/** The whole data once the chunks cover 0..size without a gap (overlaps and repeats allowed), else undefined. */
export function assemble(upload: HeldUpload): Uint8Array | undefined {
  let covered = 0;
  const parts: Uint8Array[] = [];
  for (const start of [...upload.chunks.keys()].sort((a, b) => a - b)) {
    if (start > covered) return undefined;
    const bytes = upload.chunks.get(start)!;
    if (start + bytes.length <= covered) continue;
    parts.push(bytes.subarray(covered - start));
    covered = start + bytes.length;
  }
  return covered === upload.size ? Buffer.concat(parts) : undefined;
}
