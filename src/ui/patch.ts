/**
 * A re-render within one step changes the page's elements into the new render's instead of replacing them:
 * what shows the same stays as it is (not built, styled or laid out again), and keyboard focus, the caret,
 * scroll positions and open `<details>` stay where the person left them.
 *
 * Children are paired by key (`data-key`, `data-proposal-id`, `data-merged-id` or `id`), the others by
 * kind in order. A paired element takes the new element's attributes, handlers (`listen`, dom.ts), form
 * values and children; a stand-in from `kept` puts the page's element itself in its place; an element marked
 * `asUnit` replaces its partner as a whole.
 */
import { handlersOf, isUnit, keepingFocus, keptElement, listen } from './dom.ts';

const KEYS = ['data-key', 'data-proposal-id', 'data-merged-id', 'id'] as const;

function keyOf(node: Node): string | null {
  if (!(node instanceof Element)) return null;
  for (const name of KEYS) {
    const value = node.getAttribute(name);
    if (value !== null) return `${node.tagName}|${name}|${value}`;
  }
  return null;
}

/** Whether `old` can become `next` in place (an input does not change its type). */
function pairs(old: Node, next: Node): boolean {
  if (old.nodeName !== next.nodeName || old.nodeType !== next.nodeType) return false;
  if (old instanceof HTMLInputElement && next instanceof HTMLInputElement) return old.type === next.type;
  return true;
}

/** `open` on a `<details>` is the person's: a re-render leaves it as it is. */
const keepsAttribute = (el: Element, name: string): boolean => name === 'open' && el instanceof HTMLDetailsElement;

function patchElement(old: Element, next: Element): void {
  for (const { name } of Array.from(old.attributes)) if (!next.hasAttribute(name) && !keepsAttribute(old, name)) old.removeAttribute(name);
  for (const { name, value } of Array.from(next.attributes)) if (old.getAttribute(name) !== value && !keepsAttribute(old, name)) old.setAttribute(name, value);
  const before = handlersOf(old);
  const after = handlersOf(next);
  if (before) for (const type of before.keys()) if (!after?.has(type)) listen(old, type, null);
  if (after) for (const [type, handler] of after) listen(old, type, handler);
  patchChildren(old, Array.from(next.childNodes));
  // Form values last: a select's value needs its options in place.
  if ((old instanceof HTMLInputElement || old instanceof HTMLTextAreaElement || old instanceof HTMLSelectElement) && old.value !== (next as HTMLInputElement).value) old.value = (next as HTMLInputElement).value;
  if (old instanceof HTMLInputElement && old.checked !== (next as HTMLInputElement).checked) old.checked = (next as HTMLInputElement).checked;
}

/** Makes `parent`'s children what `next` says, keeping every element that can stay. */
export function patchChildren(parent: Element, next: readonly Node[]): void {
  const old = Array.from(parent.childNodes);
  const byKey = new Map<string, Node>();
  const unkeyed: Node[] = [];
  for (const node of old) {
    const key = keyOf(node);
    if (key !== null && !byKey.has(key)) byKey.set(key, node);
    else unkeyed.push(node);
  }
  const used = new Set<Node>();
  let cursor = 0;
  const targets = next.map((node) => {
    const own = keptElement(node);
    if (own) {
      used.add(own);
      return own;
    }
    let match: Node | undefined;
    const key = keyOf(node);
    if (key !== null) {
      const candidate = byKey.get(key);
      if (candidate && !used.has(candidate)) match = candidate;
    } else {
      for (let i = cursor; i < unkeyed.length; i++) {
        const candidate = unkeyed[i] as Node;
        if (!used.has(candidate) && candidate.nodeName === node.nodeName) {
          match = candidate;
          cursor = i + 1;
          break;
        }
      }
    }
    if (!match || isUnit(node) || !pairs(match, node)) return node;
    used.add(match);
    if (match instanceof Element) patchElement(match, node as Element);
    else if (match.nodeValue !== node.nodeValue) match.nodeValue = node.nodeValue;
    return match;
  });
  for (const node of old) if (!used.has(node)) parent.removeChild(node);
  targets.forEach((node, i) => {
    const at = parent.childNodes[i] ?? null;
    if (at !== node) parent.insertBefore(node, at);
  });
}

/**
 * `patchChildren` on a container of the page; should the focused element have gone (replaced as a whole),
 * focus and the caret go to the element with its `data-key`, as `replaceKeepingFocus` does.
 */
export function patchKeepingFocus(container: HTMLElement, ...nodes: Node[]): void {
  keepingFocus(container, () => patchChildren(container, nodes));
}
