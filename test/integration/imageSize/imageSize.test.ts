// Size per Dockerfile line on the private engine: a FROM-scratch image with a 20 MB, a 5 MB and a
// 3 MB layer (random bytes, written by RUN steps with no network), built by both builders. The
// history is mapped to the right lines, the largest layers are opened from the export stream, and
// the report says where the bytes are. With ML_RECORD_FIXTURES=1 the histories are saved as the
// unit tests' fixtures.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runBuild } from '../../../src/docker/build/build';
import { DockerodeEngine } from '../../../src/docker/dockerodeEngine';
import { resolveEndpoint } from '../../../src/docker/endpoint';
import { collectSizeReport } from '../../../src/imageSize/collect';
import { scanImageLayers } from '../../../src/imageSize/layers';
import { mapHistory } from '../../../src/imageSize/mapping';
import { formatSizeReport } from '../../../src/imageSize/report';
import { busyboxContext, docker, ON_PODMAN, requireEnv } from '../buildRunPush/helpers';

const FIX = path.resolve(__dirname, '../../fixtures/imageSize');
const DOCKERFILE = fs.readFileSync(path.join(FIX, 'Dockerfile.sizes'), 'utf8');
const MB = 1048576;
/**
 * Docker records a layer's size as the bytes of its files; Buildah (Podman) as the layer tar's size:
 * a 512-byte header per entry (at most `entries`: the file and its folders), padding, 1 KiB end blocks.
 */
const sized = (actual: number | undefined, content: number, what: string, entries = 2): void => {
  if (!ON_PODMAN) return assert.equal(actual, content, what);
  const overhead = (actual ?? -1) - content;
  assert.ok(overhead >= 1024 && overhead <= 512 * entries + 511 + 1024, `${what}: ${actual} bytes for ${content} bytes of content`);
};

describe('image size per Dockerfile line (real engine)', function () {
  this.timeout(180000);
  const d = docker();
  const engine = new DockerodeEngine(resolveEndpoint({ settingHost: requireEnv('ML_TEST_DOCKER_HOST'), env: {} }));
  after(() => engine.dispose());

  // Podman has no BuildKit: its classic build API is Buildah, which writes its own history.
  const runs = ON_PODMAN ? [{ builder: 'classic', fixture: 'podman' } as const] : (['classic', 'buildkit'] as const).map((builder) => ({ builder, fixture: builder }));
  for (const { builder, fixture } of runs) {
    it(`${fixture}: each layer's size lands on its instruction's line, and the report opens the largest layers`, async () => {
      const ctx = busyboxContext(`size-${fixture}`);
      fs.writeFileSync(path.join(ctx, 'Dockerfile'), DOCKERFILE);
      const tag = `mlc-it/size-${fixture}:1`;
      const built = await runBuild(d, { dockerfile: path.join(ctx, 'Dockerfile'), context: ctx, tags: [tag], network: 'none', builder, noCache: true });
      assert.equal(built.builder, builder);

      const history = await engine.imageHistory(tag);
      const inspect = await engine.inspectImage(tag);
      if (process.env.ML_RECORD_FIXTURES === '1') {
        const recorded = { builder, imageId: inspect.Id, rootFsLayers: inspect.RootFS?.Layers ?? [], history };
        fs.writeFileSync(path.join(FIX, `history-${fixture}.json`), `${JSON.stringify(recorded, null, 1)}\n`);
      }
      const m = mapHistory(history, DOCKERFILE);
      sized(m.byLine.get(12), 20 * MB, 'RUN … dd 20 MB (lines 12-13)');
      sized(m.byLine.get(15), 5 * MB, 'RUN dd 5 MB (line 15)');
      sized(m.byLine.get(16), 3 * MB, 'COPY --from=builder (line 16)');
      sized(m.byLine.get(19), 64 * 1024, 'RUN with the build arg PAD_KB (line 19)');
      sized(m.byLine.get(2), fs.statSync(path.join(ctx, 'busybox')).size, 'COPY busybox (line 2)');
      assert.equal(m.byLine.get(7), undefined, 'the builder stage adds no layer to the final image');
      assert.ok(m.entries.every((e) => e.origin === 'dockerfile'), 'every entry is mapped (FROM scratch: no base image)');

      const report = await collectSizeReport(engine, tag, { dockerfile: { path: 'Dockerfile', text: DOCKERFILE }, topLayers: 2 });
      const [first, second, third] = report.layers;
      assert.equal(first.entry.instruction?.line, 12);
      assert.equal(first.contents?.biggestFiles[0]?.path, '/data/big.bin');
      assert.equal(first.contents?.contentSize, 20 * MB, 'bytes of the files read from the 20 MB layer');
      assert.equal(second.contents?.biggestFiles[0]?.path, '/data/small.bin');
      assert.equal(third.contents, undefined, 'only the two largest layers were opened');
      // The report read the export through one reused buffer (exportImageTo); Node's HTTP client
      // stream (exportImage, used over TLS and SSH) gives the same contents.
      const viaHttp = await scanImageLayers(await engine.exportImage(inspect.Id), { wanted: new Set([first.contents!.diffId]) });
      assert.deepEqual(viaHttp.get(first.contents!.diffId), first.contents);
      const md = formatSizeReport(report);
      assert.match(md, /\| 21\.0 MB \| \d+% \| 12 \| `RUN mkdir -p \/data && …` \|/);
      assert.match(md, /`\/data\/big\.bin`/);
    });
  }
});
