// Random edits of multi-document manifests and a manifest full of YAML corner cases, for the
// incremental re-parsing tests (and for reproducing a failure outside the test runner).

import { Random } from '../../bench/generate';

const SNIPPETS = [
  'x', '1', ' ', '\n', ': ', '- ', '#', '# note\n', '"', "'", '[', ']', '{', '}', ',', '|\n', '>-\n', '&anchor ', '*anchor', '<<: *anchor\n',
  '---\n', '--- \n', '---\n# only a comment\n', '...', '%', '\t', '\r\n', '  ', 'image: nginx:latest\n', '    privileged: true\n',
  '# lashing-ignore kubernetes/privileged -- test pod\n', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: busybox\n',
];

export function randomEdit(text: string, random: Random): string {
  const roll = random.next();
  const at = random.int(0, text.length);
  if (roll < 0.4) return text.slice(0, at) + random.pick(SNIPPETS) + text.slice(at);
  if (roll < 0.6) return text.slice(0, at) + text.slice(Math.min(text.length, at + random.int(1, 12)));
  const lines = text.split('\n');
  if (roll < 0.7) {
    // Replace a line with a snippet (a typical "change this value" edit).
    const line = random.int(0, lines.length - 1);
    lines[line] = lines[line].replace(/:\s.*$/, `: ${random.pick(['true', '"0"', 'nginx', '[a, b]', '{}', '|', '*anchor', ''])}`);
    return lines.join('\n');
  }
  const documents = text.split(/^(?=---(?:[ \t]|$))/m);
  if (roll < 0.8 && documents.length > 2) {
    // Swap two documents.
    const a = random.int(0, documents.length - 1);
    const b = random.int(0, documents.length - 1);
    [documents[a], documents[b]] = [documents[b], documents[a]];
    return documents.join('');
  }
  if (roll < 0.9 && documents.length > 1) {
    // Duplicate or delete a document.
    const i = random.int(0, documents.length - 1);
    if (random.chance(0.5)) documents.splice(i, 0, documents[i]);
    else documents.splice(i, 1);
    return documents.join('');
  }
  // Delete a whole line (possibly a `---`).
  lines.splice(random.int(0, lines.length - 1), 1);
  return lines.join('\n');
}

export const TRICKY = `# Header comment before the first document
# lashing-ignore kubernetes/privileged -- whole cluster is a lab
apiVersion: v1
kind: Pod
metadata:
  name: first
  annotations:
    note: |
      a block scalar with
      --- an indented marker that is text
spec:
  containers:
    - name: app
      image: &img nginx:1.27
      securityContext:
        privileged: true
--- # a comment on the marker line
apiVersion: apps/v1
kind: Deployment
metadata: {name: flow, labels: {app: flow}}
spec:
  selector: {matchLabels: {app: flow}}
  template:
    metadata:
      labels: {app: flow}
    spec:
      containers: [{name: web, image: "registry.example.com/web:latest", securityContext: {runAsUser: 0}}]
---
---
# comments between documents
---
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ConfigMap
    metadata:
      name: settings
    data:
      password: "a multi-line
        quoted value"
  - apiVersion: v1
    kind: Service
    metadata:
      name: svc
    spec:
      type: LoadBalancer
      ports: [{port: 22}]
--- |
  a document that is a block scalar
---
defaults: &defaults
  privileged: true
pod:
  <<: *defaults
---
apiVersion: v1
kind: Pod
metadata:
  name: quoted
  annotations:
    a: 'it''s'
    b: "line \\"one\\"
      line two"
spec:
  containers:
    - name: c
      image: ["not", "a", "string"]
---
apiVersion: v1
kind: Pod
metadata:
  name: last
  annotations:
    ignore-check.kube-linter.io/privileged-container: "lab"
spec:
  hostNetwork: true
  containers:
    - name: c
      image: busybox`;
