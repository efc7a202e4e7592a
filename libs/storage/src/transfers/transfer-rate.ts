export type TransferDirection = 'upload' | 'download';

/**
 * Whether a transfer is cut at the end of a window: it moved fewer than `minBytes` while the
 * client was the one holding it up. A server busy storing an upload it has received whole,
 * or still reading the file it sends, is never the client's fault.
 */
export function isTooSlow(w: { progress: number; minBytes: number; waitingOnClient: boolean }): boolean {
  return w.waitingOnClient && w.progress < w.minBytes;
}
