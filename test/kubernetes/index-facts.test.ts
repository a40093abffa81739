import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseKubernetes } from '../../server/src/kubernetes/model';
import {
  ANY_NAMESPACE,
  ManifestIndex,
  collectManifestFacts,
  isSelectedByNetworkPolicy,
  knownFacts,
  mergeFacts,
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
