import { dockerfileRule } from '../../dockerfile/rule';
import { mappedRange } from '../../dockerfile/helpers';
import { stageFlavour } from '../../dockerfile/image-helpers';
import { parseJsonArray, stageAncestry, type DockerfileModel, type DockerInstruction, type Stage } from '../../dockerfile/model';
import { isAssignment, parseShell } from '../../engine/shell';
import { checklistReference, DOCKERFILE_REFERENCE } from '../../engine/references';
import type { Fix } from '../../engine/types';

/** Characters that make a command need a shell (expansions, operators, globs, redirections, comments). */
const SHELL_SYNTAX = /[$`|&;<>*?[\]~(){}#\n]/;

interface Effective {
  cmd?: DockerInstruction;
  entrypoint?: DockerInstruction;
  /** Whether the ENTRYPOINT's stage sets a CMD of its own (that CMD is appended to an exec-form ENTRYPOINT). */
  entrypointStageHasCmd: boolean;
}

/** The CMD and ENTRYPOINT the final image runs with, as the builder resolves them across stages. */
function effectiveCommands(stage: Stage): Effective {
  const result: Effective = { entrypointStageHasCmd: false };
  for (const current of stageAncestry(stage).reverse()) {
    let cmdSet = false;
    for (const instruction of current.instructions) {
      if (instruction.onbuild) continue;
      if (instruction.keyword === 'CMD') {
        result.cmd = instruction;
        cmdSet = true;
      } else if (instruction.keyword === 'ENTRYPOINT') {
        result.entrypoint = instruction;
        // Setting ENTRYPOINT resets a CMD inherited from the image it builds on.
        if (!cmdSet) result.cmd = undefined;
      }
    }
    if (result.entrypoint && result.entrypoint.stage === current) result.entrypointStageHasCmd = current.instructions.some((instruction) => instruction.keyword === 'CMD' && !instruction.onbuild);
  }
  return result;
}

function usesNonPosixShell(stage: Stage): boolean {
  return stageAncestry(stage).some((current) =>
    current.instructions.some((instruction) => {
      if (instruction.keyword !== 'SHELL') return false;
      const shell = parseJsonArray(instruction.argumentsText.text)?.[0] ?? '';
      return !/(?:^|\/)(?:sh|bash|ash|dash|zsh|ksh)$/.test(shell);
    }),
  );
}

/** The exec form of a shell-form command, when it has no shell syntax to lose. */
function execFormEdit(model: DockerfileModel, instruction: DockerInstruction): { range: ReturnType<typeof mappedRange>; newText: string } | undefined {
  if (model.escapeChar !== '\\') return undefined;
  const text = instruction.argumentsText;
  if (text.text.includes('<<')) return undefined;
  const script = parseShell(text);
  if (script.commands.length !== 1) return undefined;
  const words = script.commands[0].words;
  if (words.length === 0 || isAssignment(words[0].raw)) return undefined;
  for (const word of words) {
    // Quoted text is literal (double quotes only without expansions or escapes).
    const unquoted = word.raw.replace(/'[^']*'/g, "''").replace(/"[^"$`\\]*"/g, '""');
    if (SHELL_SYNTAX.test(unquoted) || /\\/.test(word.raw)) return undefined;
  }
  const first = words[0];
  const last = words[words.length - 1];
  // Anything after the last word (a `# comment` the shell would drop) cannot go into JSON.
  if (text.text.slice(last.end).trim() !== '') return undefined;
  return { range: mappedRange(model, text, first.start, last.end), newText: `[${words.map((word) => JSON.stringify(word.value)).join(', ')}]` };
}

export default dockerfileRule({
  id: 'dockerfile/shell-form-entrypoint',
  title: 'CMD/ENTRYPOINT in shell form',
  defaultSeverity: 'info',
  fix: 'M',
  checklist: ['D2.1'],
  anchors: { hadolint: ['DL3025'], buildkit: ['JSONArgsRecommended'] },
  docs: {
    why:
      'In shell form (`CMD node server.js`) the container\'s PID 1 is `/bin/sh -c`, not your program. The shell does not forward `SIGTERM`, so `docker stop` and Kubernetes wait out the grace period and kill the process hard: no graceful shutdown, interrupted requests and writes, and zombie processes are never reaped. A shell-form `ENTRYPOINT` also silently ignores `CMD` and the arguments of `docker run`. Only the command the final image actually runs is judged; a command that starts with `exec` replaces the shell and is fine.',
    how:
      'Write the command in exec (JSON) form: `CMD ["node", "server.js"]`. The quick fix converts it when the command has no shell syntax; if it needs variables or pipes, put it in a script that ends with `exec "$@"`-style hand-over, or start it with `exec`.',
    bad: 'CMD node server.js',
    good: 'CMD ["node", "server.js"]',
    references: [
      checklistReference('D2.1'),
      DOCKERFILE_REFERENCE('ENTRYPOINT'),
      DOCKERFILE_REFERENCE('CMD'),
    ],
  },
  check(model, ctx) {
    const final = model.finalStage;
    if (!final || stageFlavour(final) === 'windows' || usesNonPosixShell(final)) return;
    const { cmd, entrypoint, entrypointStageHasCmd } = effectiveCommands(final);
    const candidates: DockerInstruction[] = [];
    if (entrypoint && !entrypoint.isExecForm) candidates.push(entrypoint);
    else if (cmd && !cmd.isExecForm) candidates.push(cmd);
    for (const instruction of candidates) {
      const text = instruction.argumentsText.text.trim();
      if (text === '' || /^exec(?:\s|$)/.test(text)) continue;
      const edit = execFormEdit(model, instruction);
      const fixes: Fix[] = [];
      if (edit) {
        const appendsCmd = instruction.keyword === 'ENTRYPOINT' && entrypointStageHasCmd;
        fixes.push({
          title: appendsCmd ? 'Convert to exec form (the stage\'s CMD then becomes its arguments)' : 'Convert to exec (JSON) form',
          mechanical: !appendsCmd,
          edits: [edit],
        });
      }
      const ignoresCmd = instruction.keyword === 'ENTRYPOINT' ? ' and ignores `CMD` and `docker run` arguments' : '';
      ctx.report({
        range: instruction.keywordRange,
        message: `\`${instruction.keyword}\` in shell form runs under \`/bin/sh -c\`: the program is not PID 1, gets no stop signals${ignoresCmd}. Use the exec (JSON) form.`,
        fixes,
      });
    }
  },
});
