/** Random damage to a JSON value, for property tests of the parsers at the edge (content import, saves). */
import fc from 'fast-check';

/**
 * One change: walk down from the root, at each level taking the child `steps[i]` (modulo the number of
 * children), for `depth` levels or until a leaf; then delete that value or put `value` in its place.
 * A walk reaches the top-level keys as often as deep ones, so rare but important keys get damaged too.
 */
export type Mutation =
  | { readonly steps: readonly number[]; readonly depth: number; readonly op: 'delete' }
  | { readonly steps: readonly number[]; readonly depth: number; readonly op: 'set'; readonly value: unknown };

const childKeys = (node: unknown): (string | number)[] =>
  Array.isArray(node) ? node.map((_, i) => i) : typeof node === 'object' && node !== null ? Object.keys(node) : [];

/** Applies the mutations to a copy of `target`, in order. */
export function mutate(target: unknown, mutations: readonly Mutation[]): unknown {
  let root: unknown = structuredClone(target);
  for (const m of mutations) {
    const path: (string | number)[] = [];
    let node: any = root;
    for (let i = 0; i < m.depth; i++) {
      const keys = childKeys(node);
      if (keys.length === 0) break;
      const key = keys[(m.steps[i] ?? 0) % keys.length]!;
      path.push(key);
      node = node[key];
    }
    if (path.length === 0) {
      if (m.op === 'set') root = structuredClone(m.value);
      continue;
    }
    const parent = path.slice(0, -1).reduce<any>((n, key) => n[key], root);
    const key = path[path.length - 1]!;
    if (m.op === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
    } else {
      parent[key] = structuredClone(m.value);
    }
  }
  return root;
}

/** One to four mutations; replacement values are random JSON or one of `extra`. */
export const mutationArb = (extra: fc.Arbitrary<unknown>[] = []): fc.Arbitrary<Mutation[]> => {
  const where = { steps: fc.array(fc.nat(), { minLength: 8, maxLength: 8 }), depth: fc.integer({ min: 1, max: 8 }) };
  return fc.array(
    fc.oneof(
      fc.record({ ...where, op: fc.constant('delete' as const) }),
      fc.record({ ...where, op: fc.constant('set' as const), value: fc.oneof(fc.jsonValue({ maxDepth: 3 }), ...extra) }),
    ),
    { minLength: 1, maxLength: 4 },
  );
};
