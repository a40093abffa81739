import type { Property } from 'dockerfile-ast';
import { dockerfileRule } from '../../dockerfile/rule';
import type { DockerfileModel, DockerInstruction, Stage } from '../../dockerfile/model';
import { checklistReference, CIS_DOCKER, DOCKERFILE_REFERENCE, NIST_800_190 } from '../../engine/references';
import { isPlaceholderValue, isSecretName, looksLikeFilePath } from '../../engine/secrets';
import type { Fix, Range, TextEdit } from '../../engine/types';
import { propertiesOf, removeInstructionEdit, removeSpanEdit } from './content-common';

/** Switch-like values (`ARG NPM_AUTH=false`) say the variable is a setting, not a secret. */
const SWITCH_VALUE = /^(?:true|false|yes|no|on|off|0|1)$/i;

interface Declaration {
  keyword: 'ARG' | 'ENV';
  property: Property;
  /** The ARG/ENV instruction, or undefined for a global ARG (before the first FROM). */
  instruction?: DockerInstruction;
  /** Start/end offsets and property count of the instruction, also for global ARGs. */
  startLine: number;
  endLine: number;
  propertyCount: number;
  onbuild: boolean;
}

function declarations(model: DockerfileModel): Declaration[] {
  const result: Declaration[] = [];
  // Global ARGs are not part of any stage: read them from the syntax tree.
  for (const node of model.ast.getInstructions()) {
    const keyword = node.getKeyword().toUpperCase();
    if (keyword === 'FROM') break;
    if (keyword !== 'ARG') continue;
    const properties = propertiesOf(node);
    const range = node.getRange();
    for (const property of properties) {
      result.push({ keyword: 'ARG', property, startLine: range.start.line, endLine: range.end.line, propertyCount: properties.length, onbuild: false });
    }
  }
  for (const instruction of model.instructions) {
    if (instruction.keyword !== 'ARG' && instruction.keyword !== 'ENV') continue;
    const properties = propertiesOf(instruction.node);
    for (const property of properties) {
      result.push({
        keyword: instruction.keyword,
        property,
        instruction,
        startLine: instruction.range.start.line,
        endLine: instruction.range.end.line,
        propertyCount: properties.length,
        onbuild: instruction.onbuild,
      });
    }
  }
  return result;
}

/** Per model: variable name → RUN instructions that mention `$NAME`/`${NAME}`, in document order. */
const runReferences = new WeakMap<DockerfileModel, Map<string, DockerInstruction[]>>();

function referencesIndex(model: DockerfileModel): Map<string, DockerInstruction[]> {
  let index = runReferences.get(model);
  if (index) return index;
  index = new Map();
  const text = model.source.text;
  for (const instruction of model.instructions) {
    if (instruction.keyword !== 'RUN' || instruction.onbuild) continue;
    const seen = new Set<string>();
    const pattern = /\$\{?([A-Za-z_][A-Za-z0-9_]*)/g;
    const body = text.slice(instruction.startOffset, instruction.endOffset);
    for (let m = pattern.exec(body); m !== null; m = pattern.exec(body)) seen.add(m[1]);
    for (const name of seen) {
      const list = index.get(name);
      if (list) list.push(instruction);
      else index.set(name, [instruction]);
    }
  }
  runReferences.set(model, index);
  return index;
}

/** RUN instructions that read `$NAME`: after the declaration in its stage (a global ARG: after each stage's re-declaration). */
function runsUsing(model: DockerfileModel, declaration: Declaration, name: string): DockerInstruction[] {
  const runs = referencesIndex(model).get(name) ?? [];
  if (declaration.instruction) {
    const { stage, startOffset } = declaration.instruction;
    return runs.filter((run) => run.stage === stage && run.startOffset > startOffset);
  }
  const result: DockerInstruction[] = [];
  for (const stage of model.stages) {
    const redeclared = stageRedeclarations(stage, name);
    if (redeclared.length === 0) continue;
    const from = redeclared[0].startOffset;
    result.push(...runs.filter((run) => run.stage === stage && run.startOffset > from));
  }
  return result;
}

/** `ARG NAME` without a default inside a stage: brings a global ARG into the stage. */
function stageRedeclarations(stage: Stage, name: string): DockerInstruction[] {
  return stage.instructions.filter(
    (instruction) => instruction.keyword === 'ARG' && !instruction.onbuild && propertiesOf(instruction.node).some((p) => p.getName() === name && p.getValue() === null),
  );
}

function removeDeclarationEdit(model: DockerfileModel, declaration: Declaration): TextEdit {
  if (declaration.propertyCount === 1) {
    return { range: model.source.wholeLinesRange(declaration.startLine, declaration.endLine), newText: '' };
  }
  const range = declaration.property.getRange();
  return removeSpanEdit(model, model.source.offsetAt(range.start), model.source.offsetAt(range.end));
}

function secretMountFix(model: DockerfileModel, declaration: Declaration, name: string): Fix {
  const id = name.toLowerCase();
  const mount = `--mount=type=secret,id=${id},env=${name}`;
  const edits: TextEdit[] = [removeDeclarationEdit(model, declaration)];
  if (!declaration.instruction) {
    // Stage-level `ARG NAME` lines that import the global ARG go too.
    for (const stage of model.stages) {
      for (const instruction of stageRedeclarations(stage, name)) {
        const properties = propertiesOf(instruction.node);
        const property = properties.find((p) => p.getName() === name);
        if (properties.length === 1) edits.push(removeInstructionEdit(model, instruction));
        else if (property) edits.push(removeSpanEdit(model, model.source.offsetAt(property.getRange().start), model.source.offsetAt(property.getRange().end)));
      }
    }
  }
  const runs = runsUsing(model, declaration, name);
  for (const run of runs) {
    const hasMount = run.flags.some((flag) => flag.name === 'mount' && (flag.value ?? '').split(',').includes(`env=${name}`));
    if (hasMount) continue;
    edits.push({ range: { start: run.keywordRange.end, end: run.keywordRange.end }, newText: ` ${mount}` });
  }
  const what = `\`${declaration.keyword} ${name}\``;
  const title =
    runs.length > 0
      ? `Replace ${what} with a build secret (\`RUN ${mount}\`)`
      : declaration.keyword === 'ENV'
        ? `Remove ${what} (set it at run time, or mount it as a build secret where a RUN needs it)`
        : `Remove ${what} (pass the value as a build secret: \`RUN ${mount}\`)`;
  return { title, mechanical: false, edits };
}

interface Judged {
  declaration: Declaration;
  name: string;
  literal: boolean;
}

/** Declarations this rule reports: a secret name with a literal value, or one without a value that still passes through the history. */
function judged(model: DockerfileModel): Judged[] {
  const result: Judged[] = [];
  for (const declaration of declarations(model)) {
    const name = declaration.property.getName();
    if (!isSecretName(name)) continue;
    const value = declaration.property.getValue();
    if (declaration.keyword === 'ENV' && (value === null || value.trim() === '')) continue;
    // A switch (`USE_AUTH=false`) or a path to the file that holds the secret is not a secret.
    if (value !== null && (SWITCH_VALUE.test(value.trim()) || looksLikeFilePath(value))) continue;
    result.push({ declaration, name, literal: value !== null && !isPlaceholderValue(value) });
  }
  return result;
}

/**
 * Document offsets of the values this rule reports as literal secrets, so that
 * dockerfile/hardcoded-secret does not report the same value a second time.
 */
export function literalSecretValueSpans(model: DockerfileModel): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const { declaration, literal } of judged(model)) {
    const range = declaration.property.getValueRange();
    if (literal && range) spans.push([model.source.offsetAt(range.start), model.source.offsetAt(range.end)]);
  }
  return spans;
}

export default dockerfileRule({
  id: 'dockerfile/secret-in-arg-env',
  title: 'Secret in ARG or ENV',
  defaultSeverity: 'error',
  fix: 'S',
  checklist: ['D4.3'],
  anchors: { hadolint: ['DL3064'], trivy: ['DS-0031'], buildkit: ['SecretsUsedInArgOrEnv'] },
  docs: {
    why:
      'Build arguments and environment variables are not secret stores. An `ENV` value is written into the image configuration: anyone who can pull the image reads it with `docker inspect`, and it stays in every image built on top. A build argument is recorded in the image history (`docker history`) and in build provenance, and a literal default sits in the Dockerfile for everyone with the repository. Variables whose name says they hold a password, token, API key or private key are flagged in every stage: even in a builder stage the value lands in that stage\'s layers and the build cache. A literal value is an error; a name without a literal value (an `ARG` without default, an `ENV` copied from an `ARG`) is a warning, because the value still passes through the history. Names that only describe a secret (`GPG_KEY` fingerprints, `*_PUBLIC_KEY`, `*_KEY_ID`, `*_FILE`, `*_VERSION`, `*_SHA256`, `*_SECRET_NAME`…) are not reported.',
    how:
      'Pass build-time secrets as BuildKit secrets, which are mounted only for the one `RUN` that needs them and never stored: `RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci` (Dockerfile syntax 1.10+; older syntax: read `/run/secrets/<id>`), and build with `docker build --secret id=npm_token,env=NPM_TOKEN .`. Provide runtime secrets when the container starts (orchestrator secrets, `docker run --env-file`, a secret manager), not in the image. Rotate any secret that was ever committed or pushed.',
    bad: 'ARG NPM_TOKEN\nENV DB_PASSWORD=s3cr3t\nRUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci',
    good: '# syntax=docker/dockerfile:1\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN \\\n    echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci && rm .npmrc',
    references: [
      checklistReference('D4.3'),
      CIS_DOCKER('4.10', 'Ensure secrets are not stored in Dockerfiles'),
      NIST_800_190('4.1.4', 'Embedded clear text secrets'),
      { title: 'Docker docs: Build secrets', url: 'https://docs.docker.com/build/building/secrets/' },
      DOCKERFILE_REFERENCE('ARG'),
      DOCKERFILE_REFERENCE('ENV'),
    ],
  },
  check(model, ctx) {
    for (const { declaration, name, literal } of judged(model)) {
      const range: Range = declaration.property.getNameRange();
      let message: string;
      if (declaration.keyword === 'ARG') {
        message = literal
          ? `\`ARG ${name}\` has a literal secret as its default: it is in the Dockerfile and the image history. Use a build secret (\`RUN --mount=type=secret\`).`
          : `\`ARG ${name}\` passes a secret as a build argument: its value is recorded in the image history. Use a build secret (\`RUN --mount=type=secret\`).`;
      } else {
        message = literal
          ? `\`ENV ${name}\` stores a literal secret in the image: anyone who can pull it reads it with \`docker inspect\`.`
          : `\`ENV ${name}\` bakes a secret into the image configuration. Use a build secret, or set it when the container starts.`;
      }
      const fixes = declaration.onbuild ? [] : [secretMountFix(model, declaration, name)];
      ctx.report({ range, message, severity: literal ? 'error' : 'warning', fixes });
    }
  },
});
