// Property-based fuzzing of the engine (fast-check, fixed seed): seed documents (the corpus in
// test/fuzz/corpus and every rule-test fixture) mutated, and documents generated from grammars.
// For each input: the analysis returns within the bound without rule errors, every range is inside
// the document, every mechanical fix keeps it parseable and analysable, fix-all is idempotent.

import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkDocument, fixtureCorpus, FUZZ_SEED, handCorpus, newStats, PATH_FOR, type CorpusDocument } from './fuzz-support';
import { applyMutation, composeArbitrary, dockerfileArbitrary, kubernetesArbitrary, mutationsArbitrary } from './generators';

/** Runs per property: modest, so the whole file stays well under a minute on two cores. */
const SCALE = Number(process.env.LASHING_FUZZ_SCALE ?? 1); // more runs when exploring locally
const RUNS = { mutated: Math.round(300 * SCALE), dockerfile: Math.round(150 * SCALE), kubernetes: Math.round(120 * SCALE), compose: Math.round(120 * SCALE) };

const stats = newStats();
let generated = 0;

/** fc.assert, with the failing input's own error message in the report (not only the counterexample). */
function property<T>(arbitrary: fc.Arbitrary<T>, check: (value: T) => void, numRuns: number): void {
  const details = fc.check(fc.property(arbitrary, check), { seed: FUZZ_SEED, numRuns });
  if (details.failed) {
    const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    assert.fail(`property failed after ${details.numRuns} runs (seed ${FUZZ_SEED}, path ${details.counterexamplePath}):\n${error}`);
  }
}

describe(`engine fuzzing (seed ${FUZZ_SEED})`, () => {
  const corpus: CorpusDocument[] = [...handCorpus(), ...fixtureCorpus()];

  after(() => {
    console.log(
      `engine fuzz: seed ${FUZZ_SEED}; ${generated} generated inputs + ${corpus.length} seed documents; ${stats.analyses} analyses, ` +
        `${stats.fixesApplied} fixes applied; slowest analysis ${stats.slowestMs.toFixed(1)} ms CPU: ${stats.slowestName}`,
    );
  });

  it('has a seed corpus of every kind', () => {
    for (const kind of ['dockerfile', 'kubernetes', 'compose'] as const) {
      assert.ok(corpus.filter((document) => document.kind === kind).length >= 5, `seed documents of kind ${kind}`);
    }
  });

  it('seed documents satisfy the invariants', () => {
    for (const document of corpus) checkDocument(stats, document.name, document.path, document.text);
  });

  it('mutated seed documents satisfy the invariants', () => {
    property(
      fc.tuple(fc.nat(), mutationsArbitrary),
      ([index, mutations]) => {
        const seed = corpus[index % corpus.length];
        const text = mutations.reduce(applyMutation, seed.text);
        generated++;
        checkDocument(stats, `${seed.name} mutated by ${JSON.stringify(mutations).slice(0, 300)}`, seed.path, text);
      },
      RUNS.mutated,
    );
  });

  it('generated Dockerfiles satisfy the invariants', () => {
    property(
      dockerfileArbitrary,
      (text) => {
        generated++;
        checkDocument(stats, 'generated Dockerfile', PATH_FOR.dockerfile, text);
      },
      RUNS.dockerfile,
    );
  });

  it('generated Kubernetes manifests satisfy the invariants', () => {
    property(
      kubernetesArbitrary,
      (text) => {
        generated++;
        checkDocument(stats, 'generated manifest', PATH_FOR.kubernetes, text);
      },
      RUNS.kubernetes,
    );
  });

  it('generated Compose files satisfy the invariants', () => {
    property(
      composeArbitrary,
      (text) => {
        generated++;
        checkDocument(stats, 'generated Compose file', PATH_FOR.compose, text);
      },
      RUNS.compose,
    );
  });
});
