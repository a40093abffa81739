import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { seededRandom } from '../helpers';
import { parseKubernetes } from '../../server/src/kubernetes/model';
import type { FactQuery, ManifestFacts } from '../../server/src/engine/types';
import {
  ANY_NAMESPACE,
  ManifestIndex,
  collectManifestFacts,
  factAnswersHold,
  isSelectedByNetworkPolicy,
  isServiceAccountBound,
  knownFacts,
  mayContributeFacts,
  mergeFacts,
  namespaceHasQuota,
  namespacesMatch,
  selectorMatches,
  serviceAccountAutomount,
} from '../../server/src/kubernetes/index-facts';

const MANIFESTS = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api
  namespace: shop
spec:
  podSelector:
    matchLabels: {app: api}
    matchExpressions:
      - {key: tier, operator: NotIn, values: [debug]}
---
apiVersion: v1
kind: ResourceQuota
metadata:
  name: q
  namespace: shop
---
apiVersion: v1
kind: LimitRange
metadata:
  name: l
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: web
  namespace: shop
automountServiceAccountToken: false
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: b
  namespace: shop
subjects:
  - kind: ServiceAccount
    name: operator
  - kind: ServiceAccount
    name: reader
    namespace: tools
  - kind: User
    name: system:serviceaccount:ci:deployer
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27
---
apiVersion: v1
kind: PodTemplate
metadata:
  name: t
  namespace: templates-only
template:
  spec:
    containers:
      - name: a
        image: nginx:1.27
`;

describe('collectManifestFacts', () => {
  const facts = collectManifestFacts(parseKubernetes(MANIFESTS, 'all.yaml'));

  it('collects policies, quotas, service accounts, namespaces, workloads and bound accounts', () => {
    assert.deepEqual(facts.networkPolicies, [{ namespace: 'shop', matchLabels: { app: 'api' }, matchExpressions: true, expressions: [{ key: 'tier', operator: 'NotIn', values: ['debug'] }] }]);
    assert.deepEqual([...facts.namespacesWithQuota].sort(), ['default', 'shop']);
    assert.deepEqual([...facts.serviceAccounts], [['shop/web', { automountServiceAccountToken: false }]]);
    assert.deepEqual([...(facts.namespaces ?? [])], ['shop']);
    assert.deepEqual([...(facts.namespacesWithWorkloads ?? [])], ['shop']);
    assert.deepEqual([...(facts.boundServiceAccounts ?? [])].sort(), ['ci/deployer', 'shop/operator', 'tools/reader']);
    assert.equal(facts.defaultNamespace, 'default');
  });

  it('uses the given default namespace and marks templated namespaces', () => {
    const other = collectManifestFacts(parseKubernetes('apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: q\n', 'q.yaml'), 'team-a');
    assert.deepEqual([...other.namespacesWithQuota], ['team-a']);
    const chart = collectManifestFacts(parseKubernetes('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: {{ .Release.Name }}\n  namespace: {{ .Release.Namespace }}\nspec:\n  podSelector: {}\n', 'chart/templates/np.yaml'));
    assert.equal(chart.networkPolicies[0].namespace, ANY_NAMESPACE);
  });

  it('never throws on odd input', () => {
    for (const text of ['', '---\n---\n', 'kind: NetworkPolicy\n', 'apiVersion: v1\nkind: ServiceAccount\n', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: x}\nspec:\n  podSelector: [1, 2]\n', '{{{{', 'a: [\n']) {
      assert.doesNotThrow(() => collectManifestFacts(parseKubernetes(text, 'x.yaml')));
    }
  });
});

describe('label selectors', () => {
  const policy = { matchLabels: { app: 'api' }, matchExpressions: true, expressions: [{ key: 'tier', operator: 'NotIn', values: ['debug'] }] };
  it('evaluates matchLabels and every operator', () => {
    assert.equal(selectorMatches(policy, { app: 'api' }), true);
    assert.equal(selectorMatches(policy, { app: 'api', tier: 'debug' }), false);
    assert.equal(selectorMatches(policy, { app: 'web' }), false);
    assert.equal(selectorMatches({ matchLabels: {}, matchExpressions: true, expressions: [{ key: 'a', operator: 'Exists', values: [] }] }, { a: '1' }), true);
    assert.equal(selectorMatches({ matchLabels: {}, matchExpressions: true, expressions: [{ key: 'a', operator: 'DoesNotExist', values: [] }] }, { a: '1' }), false);
    assert.equal(selectorMatches({ matchLabels: {}, matchExpressions: true, expressions: [{ key: 'a', operator: 'In', values: ['1'] }] }, {}), false);
  });
  it('an empty selector selects every pod; unknown labels count as selected', () => {
    assert.equal(selectorMatches({ matchLabels: {}, matchExpressions: false }, {}), true);
    assert.equal(selectorMatches(policy, undefined), true);
  });
});

describe('ManifestIndex', () => {
  it('merges contributions per file, caches the facts and reports whether they changed', () => {
    const index = new ManifestIndex();
    assert.equal(index.update('a.yaml', 'apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: q\n  namespace: a\n'), true);
    assert.equal(index.update('b.yaml', parseKubernetes('apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa\n  namespace: b\nautomountServiceAccountToken: false\n', 'b.yaml')), true);
    const first = index.facts();
    assert.equal(index.facts(), first, 'cached until a change');
    assert.deepEqual([...first.namespacesWithQuota], ['a']);
    assert.equal(first.serviceAccounts.get('b/sa')?.automountServiceAccountToken, false);

    // Same facts again (e.g. a comment edited): no change, cache kept.
    assert.equal(index.update('a.yaml', '# quota\napiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: q\n  namespace: a\n'), false);
    assert.equal(index.facts(), first);

    assert.equal(index.update('a.yaml', 'apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: q\n  namespace: c\n'), true);
    assert.deepEqual([...index.facts().namespacesWithQuota], ['c']);
    assert.notEqual(index.facts(), first);

    // A file that no longer contributes anything is forgotten.
    assert.equal(index.update('a.yaml', 'services:\n  web:\n    image: nginx\n'), true);
    assert.deepEqual(index.paths(), ['b.yaml']);
    assert.equal(index.remove('b.yaml'), true);
    assert.equal(index.remove('b.yaml'), false);
    assert.equal(index.facts().serviceAccounts.size, 0);
  });

  it('automount false anywhere wins when the same account appears twice', () => {
    const merged = mergeFacts([
      collectManifestFacts(parseKubernetes('apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: sa, namespace: x}\n', 'base.yaml')),
      collectManifestFacts(parseKubernetes('apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: sa, namespace: x}\nautomountServiceAccountToken: false\n', 'overlay.yaml')),
    ]);
    assert.equal(merged.serviceAccounts.get('x/sa')?.automountServiceAccountToken, false);
  });
});

describe('knownFacts', () => {
  it('without an index judges from the file; with one adds the file to the workspace facts', () => {
    const model = parseKubernetes('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: shop}\nspec:\n  podSelector: {}\n', 'np.yaml');
    const alone = knownFacts(model, { fileExists: () => false });
    assert.equal(alone.workspace, false);
    assert.equal(isSelectedByNetworkPolicy(alone, 'shop', { app: 'x' }), true);
    assert.equal(isSelectedByNetworkPolicy(alone, 'other', { app: 'x' }), false);

    const index = new ManifestIndex('team');
    index.update('sa.yaml', 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: sa}\nautomountServiceAccountToken: false\n');
    const withIndex = knownFacts(model, { fileExists: () => false, manifests: index.facts() });
    assert.equal(withIndex.workspace, true);
    assert.equal(withIndex.defaultNamespace, 'team');
    assert.equal(serviceAccountAutomount(withIndex, 'team', 'sa'), false);
    assert.equal(isSelectedByNetworkPolicy(withIndex, 'shop', {}), true);
  });
});

// The queries look NetworkPolicies up by namespace and accounts by key; these reference answers
// scan everything, as the definitions say.
function referenceSelected(parts: ManifestFacts[], namespace: string, labels: Record<string, string> | undefined): boolean {
  return parts.some((part) => part.networkPolicies.some((policy) => namespacesMatch(policy.namespace, namespace) && selectorMatches(policy, labels)));
}
function referenceAutomount(parts: ManifestFacts[], namespace: string, name: string): boolean | undefined {
  const values = parts.flatMap((part) => [...part.serviceAccounts].filter(([key]) => key.slice(key.indexOf('/') + 1) === name && namespacesMatch(key.slice(0, key.indexOf('/')), namespace)).map(([, value]) => value.automountServiceAccountToken));
  return values.includes(false) ? false : values.includes(true) ? true : undefined;
}
function referenceBound(parts: ManifestFacts[], namespace: string, name: string): boolean {
  return parts.some((part) => [...(part.boundServiceAccounts ?? [])].some((key) => key.slice(key.indexOf('/') + 1) === name && namespacesMatch(key.slice(0, key.indexOf('/')), namespace)));
}

describe('indexed queries', () => {
  const NAMESPACES = ['a', 'b', 'c', '{{ .Release.Namespace }}', ' a '];
  const NAMES = ['default', 'x', 'y'];

  function randomManifest(next: () => number): string {
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
    const namespace = next() < 0.2 ? '' : `\n  namespace: "${pick(NAMESPACES)}"`;
    switch (Math.floor(next() * 4)) {
      case 0:
      {
        const labels = [next() < 0.6 ? `app: ${pick(NAMES)}` : '', next() < 0.4 ? `tier: "${pick(['web', 'db', '{{ .Values.tier }}'])}"` : ''].filter(Boolean).join(', ');
        const expressions = next() < 0.3 ? `\n    matchExpressions:\n      - {key: tier, operator: ${pick(['In', 'NotIn', 'Exists'])}, values: [web]}` : '';
        return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p${namespace}\nspec:\n  podSelector:\n    matchLabels: {${labels}}${expressions}\n`;
      }
      case 1:
        return `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${pick(NAMES)}${namespace}\n${next() < 0.5 ? `automountServiceAccountToken: ${next() < 0.5}\n` : ''}`;
      case 2:
        return `apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: r${namespace}\nsubjects:\n  - kind: ServiceAccount\n    name: ${pick(NAMES)}\n${next() < 0.5 ? `    namespace: "${pick(NAMESPACES)}"\n` : ''}`;
      default:
        return `apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: q${namespace}\n`;
    }
  }

  it('answer as a full scan does, also while the index grows in place between questions', () => {
    const next = seededRandom(7);
    const index = new ManifestIndex();
    const own = new Map<string, ManifestFacts>();
    const update = (path: string, text: string): void => {
      own.set(path, collectManifestFacts(parseKubernetes(text, path)));
      index.update(path, text);
    };
    const queryNamespaces = ['a', 'b', 'c', ANY_NAMESPACE, 'a/b', 'default'];
    let checked = 0;
    for (let file = 0; file < 120; file++) {
      update(`f${file}.yaml`, randomManifest(next));
      if (file % 10 === 3) update(`f${file - 1}.yaml`, randomManifest(next)); // a changed file: merged anew
      const facts = index.facts();
      const known = { parts: [facts], defaultNamespace: 'default', workspace: true };
      for (const namespace of queryNamespaces) {
        for (const name of NAMES) {
          const labelSets: Array<Record<string, string> | undefined> = [{ app: name }, { app: name, tier: 'web' }, { tier: 'db' }, {}, undefined];
          for (const labels of labelSets) {
            assert.equal(isSelectedByNetworkPolicy(known, namespace, labels), referenceSelected([facts], namespace, labels), `policy ${namespace} ${JSON.stringify(labels)} after ${file}`);
          }
          assert.equal(serviceAccountAutomount(known, namespace, name), referenceAutomount([facts], namespace, name), `automount ${namespace} ${name} after ${file}`);
          assert.equal(isServiceAccountBound(known, namespace, name), referenceBound([facts], namespace, name), `bound ${namespace} ${name} after ${file}`);
          checked++;
        }
      }
      // The in-place merge gives what merging every contribution anew gives.
      assert.deepEqual(index.facts(), mergeFacts(index.paths().map((path) => own.get(path) as ManifestFacts)));
    }
    assert.ok(checked > 2000);
  });

});

describe('recorded questions', () => {
  it('are told to the host with their answers, and re-checked against new facts', () => {
    const model = parseKubernetes('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n', 'c.yaml');
    const index = new ManifestIndex();
    index.update('q.yaml', 'apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: q, namespace: shop}\n');
    const queries: FactQuery[] = [];
    const known = knownFacts(model, { fileExists: () => false, manifests: index.facts(), onFactQuery: (query) => queries.push(query) });
    assert.equal(namespaceHasQuota(known, 'shop'), true);
    assert.equal(isSelectedByNetworkPolicy(known, 'shop', { app: 'web' }), false);
    assert.deepEqual(queries, [
      { name: 'namespaceHasQuota', args: ['shop'], answer: true },
      { name: 'isSelectedByNetworkPolicy', args: ['shop', { app: 'web' }], answer: false },
    ]);
    assert.equal(factAnswersHold(queries, index.facts()), true);
    index.update('other.yaml', 'apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: q, namespace: payments}\n');
    assert.equal(factAnswersHold(queries, index.facts()), true, 'a fact no question depends on');
    index.update('np.yaml', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: shop}\nspec:\n  podSelector: {}\n');
    assert.equal(factAnswersHold(queries, index.facts()), false, 'the pod is now selected');
    assert.equal(factAnswersHold([], undefined), true);
    assert.equal(factAnswersHold(queries, undefined), false);
    assert.equal(factAnswersHold([{ name: 'unknownQuery', args: [], answer: true }], index.facts()), false);
  });

  it('without an index nothing is recorded', () => {
    const model = parseKubernetes('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n', 'c.yaml');
    const queries: FactQuery[] = [];
    const known = knownFacts(model, { fileExists: () => false, onFactQuery: (query) => queries.push(query) });
    namespaceHasQuota(known, 'shop');
    assert.deepEqual(queries, []);
  });

  it('mayContributeFacts finds every kind that adds facts', () => {
    for (const kind of ['NetworkPolicy', 'ResourceQuota', 'LimitRange', 'ServiceAccount', 'Namespace', 'RoleBinding', 'ClusterRoleBinding']) {
      assert.equal(mayContributeFacts(`apiVersion: v1\nkind: ${kind}\n`), true, kind);
    }
    assert.equal(mayContributeFacts('apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      serviceAccountName: web\n'), false);
  });
});
