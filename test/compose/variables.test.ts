import { describe, it } from 'node:test';
import { assert } from '../helpers';
import { interpolate, isSingleVariable, splitOutsideVariables } from '../../server/src/compose/variables';

describe('compose variables', () => {
  it('resolves defaults, nested defaults and escapes', () => {
    assert.deepEqual(interpolate('${IMAGE:-nginx:1.27}'), { value: 'nginx:1.27', unresolved: false, hasVariables: true });
    assert.deepEqual(interpolate('${A-${B:-x}}/y'), { value: 'x/y', unresolved: false, hasVariables: true });
    assert.deepEqual(interpolate('pa$$word'), { value: 'pa$word', unresolved: false, hasVariables: false });
    assert.deepEqual(interpolate('plain'), { value: 'plain', unresolved: false, hasVariables: false });
  });
  it('leaves variables without a usable default unresolved', () => {
    for (const text of ['${TAG}', '$TAG', 'app:${TAG:?required}', '${X:+alt}', '${UNTERMINATED']) {
      const result = interpolate(text);
      assert.equal(result.unresolved, true, text);
      assert.equal(result.hasVariables, true, text);
    }
  });
  it('recognises a single variable', () => {
    assert.equal(isSingleVariable('${A:-x}'), true);
    assert.equal(isSingleVariable('$A'), true);
    assert.equal(isSingleVariable('${A}b'), false);
    assert.equal(isSingleVariable('x'), false);
  });
  it('splits outside ${…} and keeps drive letters', () => {
    assert.deepEqual(
      splitOutsideVariables('${SOCK:-/var/run/docker.sock}:/var/run/docker.sock:ro', ':').map((s) => s.text),
      ['${SOCK:-/var/run/docker.sock}', '/var/run/docker.sock', 'ro'],
    );
    assert.deepEqual(splitOutsideVariables('C:\\data:/data', ':', true).map((s) => s.text), ['C:\\data', '/data']);
    const [first, second] = splitOutsideVariables('a:b', ':');
    assert.deepEqual([first.start, first.end, second.start, second.end], [0, 1, 2, 3]);
  });
  it('is linear on long adversarial input', () => {
    const text = '${'.repeat(50000) + ':-'.repeat(50000);
    const start = Date.now();
    interpolate(text);
    splitOutsideVariables(text, ':');
    assert.ok(Date.now() - start < 2000);
  });
});
