// Preloaded (`node --require`) into the API and worker processes that test/support/two-nodes.ts
// starts. Their stdin is a pipe from the test process: when that process dies without tearing
// them down (killed, crashed, Ctrl-C), stdin ends and the node stops itself with SIGTERM, the same
// graceful stop as a teardown (forced after 10 s). The pipe does not keep the process alive.
// Worker threads load preloads too: only the main thread watches.
if (require('node:worker_threads').isMainThread) {
  process.stdin.on('end', () => {
    process.kill(process.pid, 'SIGTERM');
    setTimeout(() => process.exit(1), 10_000).unref();
  });
  process.stdin.on('error', () => undefined);
  process.stdin.resume();
  process.stdin.unref();
}
