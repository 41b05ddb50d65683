import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { frontierStarts, growTree, type Frontier } from '../../core/audit/grow-tree.ts';
import { hashChildren, hashLeaf } from '../../core/audit/log-hashing.ts';

interface Vectors {
  rfc6962: { leaves: string[]; roots: { size: number; root: string }[]; inclusion: { index: number; size: number; path: string[] }[] };
  larger: { roots: { size: number; root: string }[]; inclusion: { index: number; size: number; path: string[] }[] };
}
const vectors = JSON.parse(readFileSync(new URL('vectors/tlog-vectors.json', import.meta.url), 'utf8')) as Vectors;
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** What the database holds: leaf hashes and tile-level hashes, and the frontier read from them. */
class StoredTree {
  readonly leaves: Buffer[] = [];
  readonly tiles = new Map<string, Buffer>();
  roots: string[] = [];
  proofs: string[][][] = [];

  frontier(): Frontier {
    const size = this.leaves.length;
    const levels = frontierStarts(size).map((start, t) => {
      const end = Math.floor(size / 256 ** t);
      return Array.from({ length: end - start }, (_, i) => (t === 0 ? this.leaves[start + i]! : this.tiles.get(`${t}/${start + i}`)!));
    });
    return { size, levels };
  }

  append(leafHashes: Buffer[]): void {
    const grown = growTree(this.frontier(), leafHashes);
    for (const t of grown.tileHashes) {
      expect(this.tiles.has(`${t.level}/${t.idx}`)).toBe(false);
      this.tiles.set(`${t.level}/${t.idx}`, t.hash);
    }
    this.leaves.push(...leafHashes);
    this.roots[grown.size] = hex(grown.root);
    this.proofs[grown.size] = grown.proofs.map((p) => p.map(hex));
  }
}

/** RFC 6962 §2.1 written plainly, over all the leaves: the reference. */
function mth(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 1) return leaves[0]!;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return hashChildren(mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}
function path(m: number, leaves: readonly Buffer[]): Buffer[] {
  if (leaves.length === 1) return [];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return m < k ? [...path(m, leaves.slice(0, k)), mth(leaves.slice(k))] : [...path(m - k, leaves.slice(k)), mth(leaves.slice(0, k))];
}

describe('growTree: appends over the stored right edge only', () => {
  it('gives the RFC 6962 reference roots and inclusion paths for the published leaves', () => {
    const tree = new StoredTree();
    tree.roots[0] = hex(growTree({ size: 0, levels: [[]] }, []).root);
    for (const leaf of vectors.rfc6962.leaves) tree.append([hashLeaf(Buffer.from(leaf, 'hex'))]);
    for (const { size, root } of vectors.rfc6962.roots) expect(tree.roots[size]).toBe(root);
    for (const { index, size, path: expected } of vectors.rfc6962.inclusion) {
      if (index === size - 1) expect(tree.proofs[size]![0]).toEqual(expected);
    }
  });

  it('grown in uneven groups across tile borders, agrees with the vectors and the plain reference at every size', () => {
    const leaves = Array.from({ length: 1000 }, (_, i) => hashLeaf(Buffer.from(`entry ${i}`)));
    const tree = new StoredTree();
    const groups = [1, 3, 250, 2, 1, 255, 1, 1, 30, 200, 256, 0];
    let at = 0;
    for (const g of groups) {
      const chunk = leaves.slice(at, Math.min(at + g, 1000));
      tree.append(chunk);
      at += chunk.length;
      expect(tree.roots[at]).toBe(hex(mth(leaves.slice(0, at))));
      tree.proofs[at]!.forEach((proof, j) => expect(proof).toEqual(path(at - chunk.length + j, leaves.slice(0, at)).map(hex)));
    }
    tree.append(leaves.slice(at));
    for (const { size, root } of vectors.larger.roots) if (tree.roots[size] !== undefined) expect(tree.roots[size]).toBe(root);
    expect(tree.roots[1000]).toBe(vectors.larger.roots.find((r) => r.size === 1000)!.root);
    expect([...tree.tiles.keys()]).toEqual(['1/0', '1/1', '1/2']);
    for (const { index, size, path: expected } of vectors.larger.inclusion) if (size === 1000) expect(path(index, leaves).map(hex)).toEqual(expected);
  });

  it('one leaf at a time up to 70,000 leaves completes a level-2 tile with the reference root', () => {
    const tree = new StoredTree();
    const all: Buffer[] = [];
    for (let i = 0; i < 65_540; i += 97) {
      const chunk = Array.from({ length: 97 }, (_, j) => hashLeaf(Buffer.from(`e${i + j}`)));
      all.push(...chunk);
      tree.append(chunk);
    }
    expect(tree.tiles.has('2/0')).toBe(true);
    expect(tree.tiles.get('2/0')!.equals(mth(all.slice(0, 65_536)))).toBe(true);
    expect(tree.roots[all.length]).toBe(hex(mth(all)));
  });

  it('refuses a frontier that lacks a hash it needs', () => {
    expect(() => growTree({ size: 3, levels: [[hashLeaf(Buffer.of(1))]] }, [hashLeaf(Buffer.of(2))])).toThrow(/lacks the hash/);
  });
});
