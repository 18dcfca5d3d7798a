/**
 * Saved runs in the browser, for the pages' save and load buttons (src/lib/ui/agent/AgentFiles.svelte):
 * the run files (agents/runner/run-file.ts) in the library (library.ts), kind 'agent'. Before the
 * library this module had its own object store; the library's upgrade moved those records over,
 * keeping their ids, so the functions below work on old and new saves alike.
 */
import type { RunFile } from '../../../agents/runner/run-file';
import { library, LibraryError, storageMessage } from './library';

export { storageMessage };

export interface SavedAgent {
  readonly id: number;
  readonly name: string;
  /** When it was saved (ISO 8601). */
  readonly date: string;
  /** The document's size in bytes of JSON. */
  readonly size: number;
  readonly document: RunFile;
}

/** A saved agent without its document, for lists. */
export type SavedAgentSummary = Omit<SavedAgent, 'document'>;

const RUN_FORMAT = 'floe-run';

export async function saveAgent(name: string, document: RunFile): Promise<SavedAgentSummary> {
  const { id, name: saved, date, size } = await library.save(name, document);
  return { id, name: saved, date, size };
}

/** Every saved run, oldest first, without the documents. */
export async function listAgents(): Promise<SavedAgentSummary[]> {
  const items = await library.list('agent');
  return items.filter((item) => item.format === RUN_FORMAT).map(({ id, name, date, size }) => ({ id, name, date, size }));
}

export async function loadAgentDocument(id: number): Promise<RunFile> {
  const record = await library.get(id);
  if (record.format !== RUN_FORMAT) throw new LibraryError(`saved item ${id} ("${record.name}") is not a run file`);
  return record.document as RunFile;
}

export async function deleteAgent(id: number): Promise<void> {
  await library.delete(id);
}
