/**
 * structured-headers 2 ships its types under `exports` only, which this repository's
 * `moduleResolution: node` does not read: the same declarations, by their file path.
 */
declare module 'structured-headers' {
  export * from 'structured-headers/dist/index';
}
