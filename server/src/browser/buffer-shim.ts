// `Buffer` for the Web Worker bundle (injected by esbuild, scripts/build.mjs): dockerfile-ast calls the
// Node global `Buffer.from(char, 'UTF-8')` to detect a byte-order mark. Only UTF-8 encoding of strings
// is provided; anything else throws so that a new use is noticed instead of silently misbehaving.

export const Buffer = {
  from(value: unknown, encoding?: string): Uint8Array {
    if (typeof value !== 'string' || (encoding !== undefined && !/^utf-?8$/i.test(encoding))) {
      throw new Error(`Buffer.from(${typeof value}, ${String(encoding)}) is not available in the browser build`);
    }
    return new TextEncoder().encode(value);
  },
};
