import { dockerfileRule } from '../../dockerfile/rule';
import { checklistReference, CIS_DOCKER, NIST_800_190 } from '../../engine/references';
import type { Fix } from '../../engine/types';
import { copySources, dirname, flagNamed } from './content-common';

/** Sources that send the whole build context: `.`, `./`, `*`. */
const WHOLE_CONTEXT = /^(?:\.\/?|\.\/\.|\*|\.\/\*)$/;

/** The `.dockerignore` the fix creates: secrets and clutter out, templates back in. */
export const DOCKERIGNORE_TEMPLATE = [
  '# Created by Lashing. Files matched here are not sent to the builder, so COPY . / ADD .',
  '# cannot put them into the image. Re-include a file with a line starting with "!".',
  '',
  '# Version control: the history may hold secrets that were deleted long ago',
  '.git',
  '.svn',
  '.hg',
  '',
  '# Secrets and credentials',
  '**/.env',
  '**/.env.*',
  '!**/.env.example',
  '!**/.env.sample',
  '!**/.env.template',
  '**/*.pem',
  '**/*.key',
  '**/*.p12',
  '**/*.pfx',
  '**/id_rsa*',
  '**/id_dsa*',
  '**/id_ecdsa*',
  '**/id_ed25519*',
  '**/.ssh',
  '**/.aws',
  '**/.gnupg',
  '**/.kube',
  '**/.docker',
  '**/.npmrc',
  '**/.pypirc',
  '**/.netrc',
  '**/.git-credentials',
  '**/*.kubeconfig',
  '**/kubeconfig',
  '',
  '# Dependencies and build output the image builds itself',
  '**/node_modules',
  '**/__pycache__',
  '**/*.py[cod]',
  '**/.venv',
  '',
  '# Editor and OS files',
  '**/.DS_Store',
  '.idea',
  '.vscode',
  '**/*.swp',
  '',
].join('\n');

export default dockerfileRule({
  id: 'dockerfile/copy-context-without-dockerignore',
  title: 'Whole build context copied without .dockerignore',
  defaultSeverity: 'warning',
  fix: 'M',
  checklist: ['D4.3'],
  anchors: {},
  docs: {
    why:
      '`COPY . .` copies everything in the build context into the image: the `.git` folder with its full history, `.env` files, private keys, cloud and registry credentials lying in the project folder, local `node_modules`. Whatever ends up in a layer ships with the image. Without a `.dockerignore` nothing filters the context (the context is the Dockerfile\'s folder; `<Dockerfile>.dockerignore` next to the Dockerfile counts too). Copies from another stage (`COPY --from=…`) are not affected.',
    how:
      'Add a `.dockerignore` next to the Dockerfile that excludes version control, secrets and local build output (the quick fix creates one with safe defaults to review), or copy only what the image needs: `COPY package.json package-lock.json ./` then `COPY src/ ./src/`.',
    bad: 'COPY . /app',
    good: '# .dockerignore:\n#   .git\n#   **/.env\n#   **/*.pem\n#   node_modules\nCOPY . /app',
    references: [
      checklistReference('D4.3'),
      CIS_DOCKER('4.10', 'Ensure secrets are not stored in Dockerfiles'),
      NIST_800_190('4.1.4', 'Embedded clear text secrets'),
      { title: 'Docker docs: .dockerignore files', url: 'https://docs.docker.com/build/concepts/context/#dockerignore-files' },
    ],
  },
  check(model, ctx) {
    // Without a file on disk (no path, an untitled editor) the build context is unknown.
    if (ctx.path === '' || /^Untitled-\d+$/.test(ctx.path) || ctx.path.startsWith('untitled:')) return;
    const path = ctx.path.replace(/\\/g, '/');
    const folder = dirname(path);
    const prefix = folder === '' ? '' : folder + '/';
    const fileName = path.slice(folder === '' ? 0 : folder.length + 1);
    if (ctx.workspace.fileExists(prefix + '.dockerignore') || ctx.workspace.fileExists(prefix + fileName + '.dockerignore')) return;
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') continue;
      // An ONBUILD trigger copies the context of the image built FROM this one, not this folder's.
      if (instruction.onbuild || flagNamed(instruction, 'from')) continue;
      for (const source of copySources(model, instruction)) {
        if (source.heredoc || !WHOLE_CONTEXT.test(source.value.trim())) continue;
        const fix: Fix = { title: 'Create a .dockerignore with safe defaults', mechanical: true, edits: [], newFiles: [{ relativePath: '.dockerignore', content: DOCKERIGNORE_TEMPLATE }] };
        ctx.report({
          range: source.range,
          message: `\`${instruction.keyword} ${source.value}\` copies the whole build context, and there is no .dockerignore: .git, .env files and keys in the folder end up in the image.`,
          fixes: [fix],
        });
      }
    }
  },
});
