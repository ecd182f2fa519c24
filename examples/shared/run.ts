/**
 * Runs an example's app when its file is the process entry point (tsx or node).
 */
import { pathToFileURL } from 'node:url';

/** Whether the module at `url` is the script node was started with. */
export function isEntryPoint(url: string): boolean {
  const entry = process.argv[1];
  return entry !== undefined && (url === pathToFileURL(entry).href || url.replace(/\.ts$/, '.js') === pathToFileURL(entry).href);
}
