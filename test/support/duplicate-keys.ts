/**
 * Keys that appear twice in one object of a JSON text (`{"chain":"bsv","chain":"bsv"}`), which
 * JSON.parse silently keeps the last of. The text must be valid JSON.
 */
export function duplicateKeys(json: string): string[] {
  const duplicates: string[] = [];
  const objects: Set<string>[] = [];
  /** Per open bracket: whether it is an object, so a string after `{` or `,` in it is a key. */
  const kinds: ('object' | 'array')[] = [];
  let expectKey = false;
  for (let i = 0; i < json.length; i++) {
    const c = json[i]!;
    if (c === '"') {
      let end = i + 1;
      while (json[end] !== '"') end += json[end] === '\\' ? 2 : 1;
      if (expectKey) {
        const key = JSON.parse(json.slice(i, end + 1)) as string;
        const seen = objects[objects.length - 1]!;
        if (seen.has(key)) duplicates.push(key);
        seen.add(key);
        expectKey = false;
      }
      i = end;
    } else if (c === '{') {
      objects.push(new Set());
      kinds.push('object');
      expectKey = true;
    } else if (c === '[') kinds.push('array');
    else if (c === '}') {
      objects.pop();
      kinds.pop();
    } else if (c === ']') kinds.pop();
    else if (c === ',') expectKey = kinds[kinds.length - 1] === 'object';
  }
  return duplicates;
}
