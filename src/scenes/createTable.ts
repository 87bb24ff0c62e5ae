/**
 * The table's front door, small enough to load behind the start screen: Phaser (bootTable.ts and the trimmed
 * Phaser) is fetched and parsed only when a game starts, so nothing long runs before the first tap.
 */
import type { TableHooks, TableView } from '../game/table.ts';

export async function createTable(parent: HTMLElement, hooks: TableHooks = {}): Promise<TableView> {
  const { bootTable } = await import('./bootTable.ts');
  return bootTable(parent, hooks);
}
