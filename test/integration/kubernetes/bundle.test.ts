// The Kubernetes models (with their schema validators, ~600 KB) live in dist/kubernetes.js, required by
// the planning code on first use only: built here with esbuild.js's own options and plugin, then a
// manifest is planned and validated through the two bundles.
import * as assert from 'assert';
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.resolve(__dirname, '../../..');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the build script is CommonJS
const config = require(path.join(root, 'esbuild.js')) as { common: esbuild.BuildOptions; kubernetesModelsFromBundle: esbuild.Plugin; extensionBuilds(outdir: string, extra?: esbuild.BuildOptions): esbuild.BuildOptions[] };

describe('kubernetes models bundle', function () {
  this.timeout(120_000);
  let dir = '';
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlk-bundle-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps kubernetes-models out of the main bundle and loads dist/kubernetes.js when a plan is made', async () => {
    const builds = config.extensionBuilds(dir, { minify: true, sourcemap: false, logLevel: 'silent' });
    const models = builds.find((b) => String(b.outfile).endsWith('kubernetes.js'));
    assert.ok(models, 'esbuild.js builds dist/kubernetes.js');
    await esbuild.build({ ...models, absWorkingDir: root });
    await esbuild.build({ ...config.common, absWorkingDir: root, minify: true, sourcemap: false, logLevel: 'silent',
      entryPoints: [path.join(root, 'src/kubernetes/plan.ts')], outfile: path.join(dir, 'plan.js'), plugins: [config.kubernetesModelsFromBundle] });
    const planText = fs.readFileSync(path.join(dir, 'plan.js'), 'utf8');
    assert.match(planText, /require\(["']\.\/kubernetes\.js["']\)/);
    assert.doesNotMatch(planText, /IoK8sApiCoreV1/, 'no schema validator in the planning code');
    const main = fs.readFileSync(path.join(root, 'src/kubernetes/ui.ts'), 'utf8');
    assert.doesNotMatch(main, /^import (?!type)[^;]*from '\.\/(plan|models|yaml|source|kubectl)'/m, 'ui.ts loads the export code on first use only');

    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built bundle
    const plan = require(path.join(dir, 'plan.js')) as typeof import('../../../src/kubernetes/plan');
    const src = { origin: 'test', name: 'api', image: 'r.io/a:1', env: [], mounts: [], ports: [{ container: 80 }], exposedPorts: [] };
    const made = plan.planExport(src, { kind: 'deployment', name: 'api' });
    assert.deepStrictEqual(made.docs.map((d) => d.object.kind), ['Deployment', 'Service']);
    assert.throws(() => plan.planExport(src, { kind: 'deployment', name: 'api', cpu: 'four' }), /schema/);
  });
});
