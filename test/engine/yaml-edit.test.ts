import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { SourceText, applyEdits } from '../../server/src/engine/source';
import { getMap, getScalar, getSeq, parseYamlDocuments } from '../../server/src/engine/yaml';
import { appendSeqItem, detectStyle, ensurePath, insertMapEntries, removePair, removeSeqItem, setScalar } from '../../server/src/engine/yaml-edit';
import type { TextEdit } from '../../server/src/engine/types';

function load(text: string): { source: SourceText; root: ReturnType<typeof parseYamlDocuments>[number]['root'] } {
  const source = new SourceText(text);
  const docs = parseYamlDocuments(source);
  return { source, root: docs[0].root };
}

function check(text: string, edits: (source: SourceText, root: NonNullable<ReturnType<typeof load>['root']>) => TextEdit[], expected: string, expectedValue?: unknown): void {
  const { source, root } = load(text);
  assert.ok(root);
  const result = applyEdits(source, edits(source, root));
  assert.equal(result, expected);
  if (expectedValue !== undefined) assert.deepEqual(parse(result), expectedValue);
  else parse(result); // must still parse
}

const CONTAINER_2 = `spec:
  containers:
  - name: app # the app
    image: nginx:1.27
  # trailing comment
`;

const CONTAINER_4 = `spec:
    containers:
        -   name: app
            image: nginx:1.27
`;

describe('yaml-edit: style detection', () => {
  it('detects 2-space flush and 4-space indented sequences', () => {
    assert.deepEqual(detectStyle(new SourceText(CONTAINER_2)), { indent: 2, sequenceIndent: 0 });
    assert.deepEqual(detectStyle(new SourceText('a:\n    b:\n        - x\n    c: 1\n')), { indent: 4, sequenceIndent: 4 });
    assert.deepEqual(detectStyle(new SourceText('a:\n  b:\n    - x\n')), { indent: 2, sequenceIndent: 2 });
  });
});

describe('yaml-edit: ensurePath', () => {
  it('inserts a nested securityContext under a container (2 spaces, flush)', () => {
    check(
      CONTAINER_2,
      (source, root) => ensurePath(source, getMap(root, 'spec', 'containers', 0)!, ['securityContext', 'capabilities'], [{ key: 'drop', value: ['ALL'] }]),
      `spec:
  containers:
  - name: app # the app
    image: nginx:1.27
    securityContext:
      capabilities:
        drop:
        - ALL
  # trailing comment
`,
      { spec: { containers: [{ name: 'app', image: 'nginx:1.27', securityContext: { capabilities: { drop: ['ALL'] } } }] } },
    );
  });
  it('uses 4-space indentation and indented sequences when the file does', () => {
    check(
      CONTAINER_4,
      (source, root) => ensurePath(source, getMap(root, 'spec', 'containers', 0)!, ['securityContext', 'capabilities'], [{ key: 'drop', value: ['ALL'] }]),
      `spec:
    containers:
        -   name: app
            image: nginx:1.27
            securityContext:
                capabilities:
                    drop:
                        - ALL
`,
    );
  });
  it('merges with the part that exists: appends to an existing list, sets a differing scalar', () => {
    check(
      'c:\n  securityContext:\n    allowPrivilegeEscalation: true\n    capabilities:\n      drop: [NET_RAW]\n',
      (source, root) => [
        ...ensurePath(source, getMap(root, 'c')!, ['securityContext', 'capabilities'], [{ key: 'drop', value: ['ALL'] }]),
        ...ensurePath(source, getMap(root, 'c')!, ['securityContext'], [{ key: 'allowPrivilegeEscalation', value: false }]),
      ],
      'c:\n  securityContext:\n    allowPrivilegeEscalation: false\n    capabilities:\n      drop: [NET_RAW, ALL]\n',
      { c: { securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['NET_RAW', 'ALL'] } } } },
    );
  });
  it('fills an empty value (`key:` and `key: ~`)', () => {
    check('spec:\n  securityContext:\n  hostNetwork: false\n', (source, root) => ensurePath(source, getMap(root, 'spec')!, ['securityContext'], [{ key: 'runAsNonRoot', value: true }]), 'spec:\n  securityContext:\n    runAsNonRoot: true\n  hostNetwork: false\n');
    check('spec:\n  securityContext: ~ # none yet\n', (source, root) => ensurePath(source, getMap(root, 'spec')!, ['securityContext', 'seccompProfile'], [{ key: 'type', value: 'RuntimeDefault' }]), 'spec:\n  securityContext: # none yet\n    seccompProfile:\n      type: RuntimeDefault\n', { spec: { securityContext: { seccompProfile: { type: 'RuntimeDefault' } } } });
  });
  it('inserts inside flow maps', () => {
    check('c: {name: app, securityContext: {}}\n', (source, root) => ensurePath(source, getMap(root, 'c')!, ['securityContext'], [{ key: 'runAsNonRoot', value: true }]), 'c: {name: app, securityContext: {runAsNonRoot: true}}\n');
    check('c: {name: app}\n', (source, root) => ensurePath(source, getMap(root, 'c')!, ['securityContext', 'capabilities'], [{ key: 'drop', value: ['ALL'] }]), 'c: {name: app, securityContext: {capabilities: {drop: [ALL]}}}\n', { c: { name: 'app', securityContext: { capabilities: { drop: ['ALL'] } } } });
  });
  it('keeps CRLF line breaks and handles a last line without a newline', () => {
    check('spec:\r\n  containers:\r\n  - name: app\r\n    image: x', (source, root) => ensurePath(source, getMap(root, 'spec', 'containers', 0)!, ['securityContext'], [{ key: 'privileged', value: false }]), 'spec:\r\n  containers:\r\n  - name: app\r\n    image: x\r\n    securityContext:\r\n      privileged: false');
  });
  it('does nothing when a scalar stands where a map should be', () => {
    const { source, root } = load('a: 1\n');
    assert.deepEqual(ensurePath(source, root!, ['a', 'b'], [{ key: 'c', value: 1 }]), []);
  });
});

describe('yaml-edit: insertMapEntries', () => {
  it('inserts after a given key and quotes strings that need it', () => {
    check('a: 1\nb: 2\n', (source, root) => insertMapEntries(source, root, [{ key: 'x', value: 'yes' }, { key: 'w', value: '1.0' }, { key: 'z', value: 'plain text' }], { after: 'a' }), 'a: 1\nx: "yes"\nw: "1.0"\nz: plain text\nb: 2\n', { a: 1, x: 'yes', w: '1.0', z: 'plain text', b: 2 });
  });
  it('inserts after a block scalar value', () => {
    check('a: |\n  hello\n\nb: 1\n', (source, root) => insertMapEntries(source, root, [{ key: 'c', value: null }], { after: 'a' }), 'a: |\n  hello\nc: null\n\nb: 1\n');
  });
});

describe('yaml-edit: setScalar', () => {
  it('keeps the quoting style', () => {
    check('a: "RuntimeDefault"\nb: \'x\'\nc: true\n', (source, root) => [setScalar(source, getScalar(root, 'a')!, 'Localhost'), setScalar(source, getScalar(root, 'b')!, "it's"), setScalar(source, getScalar(root, 'c')!, false)], 'a: "Localhost"\nb: \'it\'\'s\'\nc: false\n', { a: 'Localhost', b: "it's", c: false });
  });
});

describe('yaml-edit: removePair', () => {
  it('removes the key and its value block, keeping comments of other lines', () => {
    check('spec:\n  # network\n  hostNetwork: true # why\n  hostPID:\n    true\n  containers: []\n', (source, root) => removePair(source, getMap(root, 'spec')!, 'hostPID'), 'spec:\n  # network\n  hostNetwork: true # why\n  containers: []\n');
  });
  it('leaves {} when the only key goes', () => {
    check('c:\n  securityContext: # keep\n    privileged: true\n  image: x\n', (source, root) => removePair(source, getMap(root, 'c', 'securityContext')!, 'privileged'), 'c:\n  securityContext: {} # keep\n  image: x\n', { c: { securityContext: {}, image: 'x' } });
    const source = new SourceText('- privileged: true\n');
    const item = getMap(parseYamlDocuments(source)[0].doc.contents, 0)!;
    assert.equal(applyEdits(source, removePair(source, item, 'privileged')), '- {}\n');
  });
  it('removes the first key of a sequence item', () => {
    check('l:\n- privileged: true\n  image: x\n', (source, root) => removePair(source, getMap(root, 'l', 0)!, 'privileged'), 'l:\n- image: x\n', { l: [{ image: 'x' }] });
  });
  it('removes from flow maps', () => {
    check('a: {x: 1, y: 2, z: 3}\n', (source, root) => removePair(source, getMap(root, 'a')!, 'y'), 'a: {x: 1, z: 3}\n');
    check('a: {x: 1, y: 2}\n', (source, root) => removePair(source, getMap(root, 'a')!, 'y'), 'a: {x: 1}\n');
    check('a: {x: 1}\n', (source, root) => removePair(source, getMap(root, 'a')!, 'x'), 'a: {}\n');
  });
  it('removes the last line of a file without a trailing newline', () => {
    check('a: 1\nb: 2', (source, root) => removePair(source, root, 'b'), 'a: 1');
  });
  it('works with CRLF', () => {
    check('a: 1\r\nb: 2\r\nc: 3\r\n', (source, root) => removePair(source, root, 'b'), 'a: 1\r\nc: 3\r\n');
  });
});

describe('yaml-edit: sequences', () => {
  it('removes block items and leaves [] for the last', () => {
    check('add:\n- SYS_ADMIN\n- NET_BIND_SERVICE # ok\n', (source, root) => removeSeqItem(source, getSeq(root, 'add')!, 0), 'add:\n- NET_BIND_SERVICE # ok\n');
    check('c:\n  add:\n    - SYS_ADMIN\n  drop: [ALL]\n', (source, root) => removeSeqItem(source, getSeq(root, 'c', 'add')!, 0), 'c:\n  add: []\n  drop: [ALL]\n', { c: { add: [], drop: ['ALL'] } });
  });
  it('removes a multi-line item', () => {
    check('v:\n- name: a\n  hostPath:\n    path: /\n- name: b\n', (source, root) => removeSeqItem(source, getSeq(root, 'v')!, 0), 'v:\n- name: b\n');
  });
  it('removes flow items', () => {
    check('a: [x, y, z]\n', (source, root) => removeSeqItem(source, getSeq(root, 'a')!, 1), 'a: [x, z]\n');
    check('a: [x, y]\n', (source, root) => removeSeqItem(source, getSeq(root, 'a')!, 1), 'a: [x]\n');
    check('a: ["x"]\n', (source, root) => removeSeqItem(source, getSeq(root, 'a')!, 0), 'a: []\n');
  });
  it('appends in block and flow style', () => {
    check('drop:\n  - NET_RAW\nother: 1\n', (source, root) => appendSeqItem(source, getSeq(root, 'drop')!, 'ALL'), 'drop:\n  - NET_RAW\n  - ALL\nother: 1\n');
    check('drop: []\n', (source, root) => appendSeqItem(source, getSeq(root, 'drop')!, 'ALL'), 'drop: [ALL]\n');
    check('env:\n- name: A\n  value: "1"\n', (source, root) => appendSeqItem(source, getSeq(root, 'env')!, { name: 'B', value: '2' }), 'env:\n- name: A\n  value: "1"\n- name: B\n  value: "2"\n', { env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] });
  });
});
