import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SourceText } from '../../server/src/engine/source';
import { getMap, getPair, getScalarValue, getSeq, keyRange, mapEntries, nodeRange, parseYamlDocuments, yamlComments, yamlSuppressionScope } from '../../server/src/engine/yaml';

function docsOf(text: string) {
  const source = new SourceText(text);
  return { source, docs: parseYamlDocuments(source) };
}

describe('engine/yaml', () => {
  it('parses multi-document streams with exact positions', () => {
    const { source, docs } = docsOf('a: 1\n---\n# c\nb:\n  c: [x, y]\n');
    assert.equal(docs.length, 2);
    assert.equal(getScalarValue(docs[0].root, 'a'), 1);
    const pair = getPair(getMap(docs[1].root, 'b'), 'c')!;
    assert.deepEqual(keyRange(source, pair), { start: { line: 4, character: 2 }, end: { line: 4, character: 3 } });
    assert.deepEqual(nodeRange(source, getSeq(docs[1].root, 'b', 'c')), { start: { line: 4, character: 5 }, end: { line: 4, character: 11 } });
    assert.deepEqual(nodeRange(source, getMap(docs[1].root, 'b')), { start: { line: 4, character: 2 }, end: { line: 4, character: 11 } });
  });
  it('resolves aliases and merge keys, reporting merged pairs at their anchor', () => {
    const { source, docs } = docsOf('base: &b\n  privileged: true\n  x: 1\nc:\n  <<: *b\n  x: 2\nd: *b\n');
    const entries = mapEntries(getMap(docs[0].root, 'c'));
    assert.deepEqual(entries.map((e) => [e.key, e.value && 'value' in e.value ? e.value.value : undefined]), [['x', 2], ['privileged', true]]);
    assert.equal(entries[1].origin, getMap(docs[0].root, 'base'));
    assert.equal(keyRange(source, getPair(getMap(docs[0].root, 'c'), 'privileged')!).start.line, 1);
    assert.equal(getScalarValue(docs[0].root, 'd', 'privileged'), true);
  });
  it('never throws on odd input', () => {
    for (const text of ['', '---', ': :', 'a: [', '\t- x', '*unknown', 'a: &a [*a]', '%YAML 9\n---\na', '"\\', '{{ .Values }}']) {
      const { docs } = docsOf(text);
      assert.ok(Array.isArray(docs));
    }
  });
  it('finds comments outside quoted and block scalars', () => {
    const { source, docs } = docsOf('# top\na: "x # no" # yes\nb: |\n  # not a comment\nc: \'#no\'\n  # own\n---\n# next\nd: 1\n');
    const comments = yamlComments(source, docs);
    assert.deepEqual(comments.map((c) => [c.line, c.text, c.ownLine]), [[0, ' top', true], [1, ' yes', false], [5, ' own', true], [7, ' next', true]]);
  });
  it('suppression scope covers the next key and its value block', () => {
    const { source, docs } = docsOf('spec:\n  containers:\n  # ignore\n  - name: app\n    image: x\n  - name: b\n  hostPID: true\n');
    assert.deepEqual(yamlSuppressionScope(source, docs, 3), { first: 3, last: 4 });
    assert.deepEqual(yamlSuppressionScope(source, docs, 2), { first: 2, last: 4 });
    assert.deepEqual(yamlSuppressionScope(source, docs, 6), { first: 6, last: 6 });
  });
});
