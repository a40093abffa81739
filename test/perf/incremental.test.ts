// Incremental re-parsing of multi-document manifests (parseYamlDocuments / parseKubernetes with
// the previous version's model) must give exactly what a full parse gives: the same documents,
// node offsets, comments, errors, objects, notices, and the same findings, fixes and suppressions
// from every rule. Checked on chains of random edits, including edits that break the YAML, add or
// remove `---` lines, and move, duplicate or swap whole documents.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import { createEngine } from '../../server/src/languages';
import { parseKubernetes, type KubernetesModel } from '../../server/src/kubernetes/model';
import { parseYamlDocuments, type YamlDocument } from '../../server/src/engine/yaml';
import { SourceText } from '../../server/src/engine/source';
import { generateManifest, Random } from '../../bench/generate';
import { randomEdit, TRICKY } from './random-edits';
import { Engine } from '../../server/src/engine/analyze';
import { detectKind } from '../../server/src/engine/detect';
import { kubernetesLanguage, PER_DOCUMENT_RULES, CROSS_DOCUMENT_RULES } from '../../server/src/kubernetes/language';
import { kubernetesRules } from '../../server/src/rules/kubernetes';
import { defaultConfig } from '../../server/src/engine/config';
import type { ParsedDocument, LanguageSupport } from '../../server/src/engine/language';

const engine = createEngine();
const PATH = '/repo/deploy/manifests.yaml';
/** More seeds for a local stress run: LASHING_STRESS_SEEDS=200 node scripts/run-tests.mjs incremental */
const STRESS = Number(process.env.LASHING_STRESS_SEEDS ?? 0);

/** A plain description of a YAML node tree: types, offsets, keys and scalar values. */
function shape(node: unknown, depth = 0): unknown {
  if (depth > 500) return '…';
  if (node === null || node === undefined) return null;
  if (isPair(node)) return { key: shape(node.key, depth + 1), value: shape(node.value, depth + 1) };
  const range = (node as { range?: number[] }).range;
  if (isScalar(node)) return { scalar: node.source ?? String(node.value), value: typeof node.value === 'object' ? String(node.value) : node.value, type: node.type, range, anchor: node.anchor };
  if (isAlias(node)) return { alias: node.source, range };
  if (isMap(node) || isSeq(node)) return { [isMap(node) ? 'map' : 'seq']: (node.items as unknown[]).map((item) => shape(item, depth + 1)), flow: node.flow ?? false, range, anchor: node.anchor };
  return { other: String(node) };
}

function documentsShape(documents: YamlDocument[]): unknown {
  return documents.map((document) => ({
    index: document.index,
    range: document.range,
    errors: document.errors,
    comments: document.comments,
    hasRoot: document.root !== undefined,
    contents: shape(document.doc.contents),
    docRange: document.doc.range,
    docErrors: document.doc.errors.map((error) => [error.code, error.pos]),
  }));
}

function modelShape(model: KubernetesModel): unknown {
  return {
    documents: documentsShape(model.documents),
    notices: model.notices,
    objects: model.objects.map((object) => ({
      apiVersion: object.apiVersion,
      kind: object.kind,
      name: object.name,
      namespace: object.namespace,
      labels: object.labels,
      annotations: object.annotations,
      partial: object.partial,
      document: object.document.index,
      range: object.map.range,
      pods: object.pods.map((pod) => ({ range: pod.spec.range, containers: pod.containers.map((c) => [c.list, c.index, c.name, c.image?.range]) })),
    })),
  };
}

function analysis(model: KubernetesModel, text: string): unknown {
  const result = engine.analyzeParsed(model, { path: PATH, text });
  return { findings: result.findings, suppressed: result.suppressed, notices: result.notices, ruleErrors: result.ruleErrors };
}

/** How many checks reused at least one document (the incremental path was taken). */
let reusedChecks = 0;

/** Asserts that re-parsing `text` from `previous` equals a full parse, and returns the new model. */
function check(text: string, previous: KubernetesModel | undefined, label: string): KubernetesModel {
  const incremental = parseKubernetes(text, PATH, previous);
  if (previous && incremental.documents.some((document) => previous.documents.includes(document))) reusedChecks++;
  const full = parseKubernetes(text, PATH);
  assert.deepEqual(modelShape(incremental), modelShape(full), `${label}: models differ\n--- text ---\n${text}`);
  assert.deepEqual(analysis(incremental, text), analysis(full, text), `${label}: findings differ\n--- text ---\n${text}`);
  return incremental;
}

/**
 * A chain of random edits, each checked. Like someone typing, a broken file is usually mended by
 * the next edit (here: undone), so the chain keeps returning to the incremental path.
 */
function editChain(text: string, random: Random, steps: number, label: string): void {
  let model = check(text, undefined, `${label} initial`);
  for (let step = 0; step < steps; step++) {
    const edited = randomEdit(text, random);
    model = check(edited, model, `${label} step ${step}`);
    const broken = model.documents.some((document) => document.errors.length > 0);
    if (!broken || random.chance(0.25)) text = edited;
    else model = check(text, model, `${label} step ${step} undone`);
  }
}

describe('incremental YAML re-parsing', () => {
  it('classifies every Kubernetes rule as per-document or cross-document, once', () => {
    const ids = kubernetesRules.map((rule) => rule.id).sort();
    assert.deepEqual([...PER_DOCUMENT_RULES, ...CROSS_DOCUMENT_RULES].sort(), ids);
  });

  it('runs per-document rules only on the edited document, with the same result as a fresh analysis', () => {
    // An engine whose per-document rules count the objects they are shown.
    let shown = 0;
    const counted: LanguageSupport<KubernetesModel> = {
      ...kubernetesLanguage,
      rules: kubernetesLanguage.rules.map((rule) =>
        PER_DOCUMENT_RULES.includes(rule.id)
          ? { ...rule, check: (model: KubernetesModel, ctx: Parameters<typeof rule.check>[1]) => ((shown += model.objects.length), rule.check(model, ctx)) }
          : rule,
      ),
    };
    const counting = new Engine([counted as unknown as LanguageSupport<ParsedDocument>], detectKind);
    const text = generateManifest(4, 2000);
    let model = parseKubernetes(text, PATH);
    const first = counting.analyzeParsed(model, { path: PATH, text });
    const objects = model.objects.length;
    assert.equal(shown, objects * PER_DOCUMENT_RULES.length);
    const lines = text.split('\n');
    const line = lines.findIndex((l, i) => i > lines.length / 2 && /^\s+image: /.test(l));
    lines.splice(line, 1, `${lines[line]}x`, '');
    const edited = lines.join('\n');
    shown = 0;
    model = parseKubernetes(edited, PATH, model);
    const second = counting.analyzeParsed(model, { path: PATH, text: edited });
    assert.ok(shown > 0 && shown <= 4 * PER_DOCUMENT_RULES.length, `per-document rules saw ${shown / PER_DOCUMENT_RULES.length} objects of ${objects}`);
    const fresh = engine.analyze({ path: PATH, text: edited });
    assert.deepEqual(second.findings, fresh.findings);
    assert.deepEqual(second.suppressed, fresh.suppressed);
    assert.ok(first.findings.length > 100);
    // Another config: nothing cached applies.
    shown = 0;
    const config = { ...defaultConfig(), kubernetes: { profile: 'baseline' as const, version: 'latest' as const } };
    const third = counting.analyzeParsed(parseKubernetes(edited, PATH, model), { path: PATH, text: edited, config });
    assert.equal(shown, objects * PER_DOCUMENT_RULES.length);
    assert.deepEqual(third.findings, engine.analyze({ path: PATH, text: edited, config }).findings);
  });

  it('gives what a fresh analysis gives when the config changes between edits', () => {
    const random = new Random(4242);
    let text = generateManifest(21, 600);
    let model = parseKubernetes(text, PATH);
    const configs = [defaultConfig(), { ...defaultConfig(), kubernetes: { profile: 'baseline' as const, version: 25 } }, { ...defaultConfig(), trustedRegistries: ['docker.io'] }];
    for (let step = 0; step < 30; step++) {
      const config = configs[step % 3 === 0 ? random.int(0, 2) : 0];
      text = randomEdit(text, random);
      model = parseKubernetes(text, PATH, model);
      const incremental = engine.analyzeParsed(model, { path: PATH, text, config });
      const full = engine.analyze({ path: PATH, text, config });
      assert.deepEqual(
        { findings: incremental.findings, suppressed: incremental.suppressed, notices: incremental.notices },
        { findings: full.findings, suppressed: full.suppressed, notices: full.notices },
        `step ${step}\n${text}`,
      );
    }
  });

  it('equals a full parse on chains of random edits of realistic manifests', () => {
    reusedChecks = 0;
    for (let seed = 1; seed <= Math.max(5, STRESS); seed++) editChain(generateManifest(seed, 200 + seed * 40), new Random(seed * 7919), 30, `seed ${seed}`);
    // While the YAML has a syntax error the whole stream is parsed; most re-parses still reuse.
    assert.ok(reusedChecks >= 100, `only ${reusedChecks} re-parses reused documents`);
  });

  it('equals a full parse on chains of random edits of a file full of corner cases', () => {
    reusedChecks = 0;
    for (let seed = 1; seed <= Math.max(16, STRESS); seed++) editChain(TRICKY, new Random(seed), 30, `tricky ${seed}`);
    assert.ok(reusedChecks >= 300, `only ${reusedChecks} re-parses reused documents`);
  });

  it('equals a full parse with CRLF line breaks', () => {
    const random = new Random(99);
    let text = TRICKY.replace(/\n/g, '\r\n');
    let model = check(text, undefined, 'crlf initial');
    for (let step = 0; step < 40; step++) {
      const edited = randomEdit(text, random).replace(/\r?\n/g, '\r\n');
      model = check(edited, model, `crlf step ${step}`);
      if (!model.documents.some((document) => document.errors.length > 0)) text = edited;
    }
  });

  it('stays correct when an outdated model is passed again (its documents were taken)', () => {
    const random = new Random(5);
    let text = generateManifest(11, 400);
    const first = parseKubernetes(text, PATH);
    let model = first;
    for (let step = 0; step < 10; step++) {
      text = randomEdit(text, random);
      model = check(text, model, `chain ${step}`);
      // `first` has had its documents taken and moved by later parses: reusing it must not go wrong.
      check(text, first, `stale ${step}`);
    }
  });

  it('re-parses only the edited document', () => {
    const text = generateManifest(3, 2000);
    const before = parseKubernetes(text, PATH);
    const count = before.documents.length;
    assert.ok(count > 30, `${count} documents`);
    const documentsBefore = new Set(before.documents);
    // Append a character to a value in the middle of the file: every offset after it moves by one.
    const lines = text.split('\n');
    const line = lines.findIndex((l, i) => i > lines.length / 2 && /^\s+image: /.test(l));
    lines[line] += 'x';
    const after = parseKubernetes(lines.join('\n'), PATH, before);
    const reused = after.documents.filter((document) => documentsBefore.has(document)).length;
    assert.equal(reused, count - 1);
    assert.deepEqual(modelShape(after), modelShape(parseKubernetes(lines.join('\n'), PATH)));
  });

  it('re-parses the whole stream when splitting at `---` lines might not be exact', () => {
    const source = new SourceText('%YAML 1.2\n---\na: 1\n---\nb: 2\n');
    const first = parseYamlDocuments(source);
    const second = parseYamlDocuments(new SourceText('%YAML 1.2\n---\na: 1\n---\nb: 3\n'), first);
    assert.equal(second.length, 2);
    assert.ok(!second.some((document) => first.includes(document)), 'no document reused');
  });

  it('is used by Engine.parse and gives the same findings as analyze()', () => {
    const text = generateManifest(8, 1000);
    const model = engine.parse('kubernetes', text, PATH);
    const edited = text.replace('replicas: ', 'replicas: 1');
    const next = engine.parse('kubernetes', edited, PATH, model);
    assert.ok(next);
    assert.deepEqual(engine.analyzeParsed(next, { path: PATH, text: edited }).findings, engine.analyze({ path: PATH, text: edited }).findings);
  });
});
