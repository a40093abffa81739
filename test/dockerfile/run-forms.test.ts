// The RUN forms the model reads as commands: exec (JSON) form, and input on which dockerfile-ast's
// heredoc reader throws.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../server/src/dockerfile/model';
import { analyze, findingsOf } from '../helpers';

describe('Dockerfile model: RUN forms', () => {
  it('reads an exec-form RUN as one command whose words are the array strings, continuations joined', () => {
    const model = parseDockerfile('FROM debian:12\nRUN ["/bin/bash", "-c", "apt-get update \\\n  && apt-get install -y jq"]\n');
    const exec = model.runScripts.filter((run) => run.execForm);
    assert.equal(exec.length, 1);
    const [command] = exec[0].script.commands;
    assert.deepEqual(command.words.map((word) => word.value.replace(/\s+/g, ' ')), ['/bin/bash', '-c', 'apt-get update && apt-get install -y jq']);
    assert.equal(command.programIndex, 0);
  });
  it('leaves a RUN whose JSON is not an array of strings to the shell form', () => {
    const model = parseDockerfile('FROM debian:12\nRUN ["apt-get", 1]\nRUN [ "a" \n');
    assert.equal(model.runScripts.filter((run) => run.execForm).length, 0);
  });
  it('reports inside exec-form RUNs but offers no fix that would edit the JSON array', () => {
    const text = 'FROM python:3.12\nRUN ["pip", "install", "httpx==0.27.0"]\nRUN ["chmod", "777", "/srv"]\n';
    for (const rule of ['dockerfile/package-cache-kept', 'dockerfile/world-writable']) {
      const findings = findingsOf(rule, 'Dockerfile', text);
      assert.equal(findings.length, 1, rule);
      assert.deepEqual(findings[0].fixes, [], rule);
    }
  });
  it('does not throw where dockerfile-ast cannot read heredocs (a continuation before a lone CR)', () => {
    const text = 'FROM debian:12\r\n\nRUN wget -q \\\r# note\r\n    https://x.example/a.tgz\nCOPY <<EOF\r\\\r\nx\n';
    assert.doesNotThrow(() => parseDockerfile(text));
    assert.ok(Array.isArray(analyze('Dockerfile', text)));
  });
});
