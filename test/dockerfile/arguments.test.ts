// The Dockerfile model tokenizes instruction arguments itself (tokenizeArguments, cheaper than
// dockerfile-ast's getRawArguments, which every accessor of the syntax tree calls). Rules read
// flags, image names, properties and heredocs through dockerfile-ast on top of these tokens, so they
// must be exactly dockerfile-ast's: the same values and ranges for every instruction (ONBUILD
// triggers too) of the test corpora, of generated Dockerfiles and of random text built from the
// characters the tokenizer treats specially.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { SourceText } from '../../server/src/engine/source';
import { tokenizeArguments } from '../../server/src/dockerfile/model';
import { dockerfileArbitrary } from '../fuzz/generators';
import { FUZZ_SEED } from '../fuzz/fuzz-support';

const TEST_ROOT = path.resolve(__dirname, '../../../test');

type Token = { value: string; range: unknown };

/** dockerfile-ast's own tokens (the class method, not the model's memoized copy). */
function reference(node: Instruction): Token[] {
  const method = Object.getPrototypeOf(node).getRawArguments as (this: Instruction) => Array<{ getValue(): string; getRange(): unknown }>;
  return method.call(node).map((argument) => ({ value: argument.getValue(), range: argument.getRange() }));
}

/** Compares the tokens of every instruction of `text`; returns how many instructions were compared. */
function compare(text: string, label: string): number {
  const source = new SourceText(text);
  const ast = DockerfileParser.parse(text);
  let compared = 0;
  const nodes: Instruction[] = [];
  for (const node of ast.getInstructions()) {
    nodes.push(node);
    if (node.getKeyword().toUpperCase() === 'ONBUILD') {
      const trigger = (node as unknown as { getTriggerInstruction(): Instruction | null }).getTriggerInstruction();
      if (trigger) nodes.push(trigger);
    }
  }
  for (const node of nodes) {
    const ours = tokenizeArguments(source, node).map((argument) => ({ value: argument.getValue(), range: argument.getRange() }));
    assert.deepEqual(ours, reference(node), `${label}: ${JSON.stringify(node.getTextContent()).slice(0, 300)}`);
    compared++;
  }
  return compared;
}

/** Every Dockerfile of the test tree: the real-world corpus, fuzz seeds, e2e fixtures. */
function corpusDockerfiles(): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/(?:^|\.)(?:Dockerfile|Containerfile)(?:\.|$)|\.dockerfile$/i.test(entry.name)) found.push(full);
    }
  };
  walk(TEST_ROOT);
  walk(path.resolve(TEST_ROOT, '../examples'));
  return found;
}

describe('Dockerfile argument tokens', () => {
  it('equal dockerfile-ast’s on every Dockerfile of the test corpora', () => {
    const files = corpusDockerfiles();
    assert.ok(files.length >= 40, `found ${files.length} Dockerfiles`);
    let compared = 0;
    for (const file of files) compared += compare(fs.readFileSync(file, 'utf8'), path.relative(TEST_ROOT, file));
    assert.ok(compared > 500, `compared ${compared} instructions`);
  });

  it('equal dockerfile-ast’s on edge cases of escapes, continuations and comments', () => {
    const cases = [
      'RUN a \\\n  b\n',
      'RUN a\\\r\n  b \\ \r\n c\n',
      'RUN a \\  \n# comment\n  b\n',
      'RUN a\\ \\\n b\\$HOME "x y" \\\\ z\\',
      'RUN \\\n\\\n\\\n',
      '# escape=`\nRUN a `\n  b ``c `$d\n',
      '# escape=`\nRUN C:\\path\\to `\r\n  next\r\n',
      'COPY --from=build --chown=1:1 /a /b\n',
      'ENV A=1 B="two words" C=3\\\n D=4\n',
      'RUN <<EOF cat\nline \\\nEOF\n',
      'RUN echo \\\n    # not a comment here\n    done\n',
      'FROM  \t x \\\r  y\n',
      'RUN a\\\rb\n',
      'LABEL a=b \\  \t \n\n c=d\n',
      'ONBUILD RUN a \\\n b\n',
      'RUN x\\',
      'RUN "unterminated \\\n  quote\n',
    ];
    for (const [index, text] of cases.entries()) compare(text, `case ${index}`);
  });

  it('equal dockerfile-ast’s on generated Dockerfiles and random text', () => {
    let compared = 0;
    fc.assert(
      fc.property(dockerfileArbitrary, (text) => {
        compared += compare(text, 'generated');
      }),
      { seed: FUZZ_SEED, numRuns: 300 },
    );
    // Instructions over an alphabet of the characters that matter to the tokenizer.
    const alphabet = fc.constantFrom(' ', '\t', '\n', '\r', '\r\n', '\\', '`', '#', '$', '"', "'", 'a', 'b', '=', '--', '<<EOF', 'EOF');
    const random = fc.tuple(fc.constantFrom('RUN', 'COPY', 'ENV', 'FROM', 'LABEL', 'CMD', 'ADD', 'ONBUILD RUN', 'ARG'), fc.array(alphabet, { maxLength: 40 }), fc.boolean()).map(
      ([keyword, parts, backtick]) => `${backtick ? '# escape=`\n' : ''}${keyword} ${parts.join('')}\nRUN after\n`,
    );
    fc.assert(
      fc.property(random, (text) => {
        compared += compare(text, 'random');
      }),
      { seed: FUZZ_SEED, numRuns: 3000 },
    );
    assert.ok(compared > 3000);
  });
});
