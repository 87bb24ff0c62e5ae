/** Shared by the translation tests: a bundle as `dotted.key` → value, and the `{{variables}}` of a text. */
export type Tree = { readonly [key: string]: string | Tree };

/** Every leaf as `dotted.key` → value; a leaf that is not a string is reported as such. */
export function leaves(tree: Tree, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const inner = leaves(value, path);
      if (inner.size === 0) out.set(path, value);
      for (const [k, v] of inner) out.set(k, v);
    } else {
      out.set(path, value);
    }
  }
  return out;
}

export const variables = (text: string): string[] =>
  [...new Set([...text.matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)].map((m) => m[1]!))].sort();
