// Lashing's version, from package.json (defined by scripts/build.mjs; the fallback is for tests run from out/).
declare const LASHING_VERSION: string | undefined;

export const VERSION: string = typeof LASHING_VERSION === 'string' ? LASHING_VERSION : '0.1.0';
