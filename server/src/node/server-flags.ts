/**
 * Node options for the language server process, passed by whoever starts it (the VS Code client,
 * the benchmark). V8 grows the young generation to 16 MB semi-spaces during a workspace scan and
 * keeps them: 4 MB ones keep about 25 MB less resident after the scan, at no measurable CPU cost per
 * scan or edit (BENCHMARKS.md). Only the command line sizes them (setFlagsFromString is too late).
 */
export const SERVER_NODE_OPTIONS: readonly string[] = ['--max-semi-space-size=4'];
