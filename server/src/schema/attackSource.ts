// Where ATT&CK data comes from: a configured local STIX bundle, or MITRE's published bundle
// downloaded on first use — only when the user allows it — and cached; otherwise (and while a
// download runs) the snapshot bundled with the extension (attackSnapshot.ts). Without any, only the
// format rules apply, and `reason` says why technique names are missing.
import * as fs from 'fs';
import * as path from 'path';
import { AttackIndex, loadAttackIndex } from './attack';
import { loadBundledAttackSnapshot } from './attackSnapshot';

/** MITRE's published Enterprise ATT&CK STIX bundle. */
export const MITRE_ENTERPRISE_ATTACK_URL =
  'https://raw.githubusercontent.com/mitre/cti/master/enterprise-attack/enterprise-attack.json';

export interface AttackSourceSettings {
  /** A local STIX bundle; wins over the download. */
  file: string;
  /** The user allows downloading the bundle. */
  download: boolean;
  url: string;
  /** Folder for the downloaded copy. */
  cacheDir?: string;
}

export class AttackSource {
  private key = '';
  private index?: AttackIndex;
  private downloading?: Promise<void>;
  /** Why there is no index (for hovers); undefined when there is one. */
  reason: string | undefined = 'no ATT&CK data is configured';

  private snapshot?: { index: AttackIndex | undefined };

  constructor(
    private readonly log: (message: string) => void = () => {},
    private readonly onLoaded: () => void = () => {},
    private readonly loadSnapshot: () => AttackIndex | undefined = loadBundledAttackSnapshot,
  ) {}

  /** The bundled snapshot (read once); sets `reason` when there is none. */
  private useSnapshot(reason: string): void {
    this.snapshot ??= { index: this.loadSnapshot() };
    this.index = this.snapshot.index;
    this.reason = this.index ? undefined : reason;
  }

  /** The index for these settings; may start a background download and answer undefined meanwhile. */
  get(settings: AttackSourceSettings): AttackIndex | undefined {
    const key = JSON.stringify(settings);
    if (key !== this.key) {
      this.key = key;
      this.index = undefined;
      this.load(settings);
    }
    return this.index;
  }

  private cacheFile(s: AttackSourceSettings): string | undefined {
    return s.cacheDir ? path.join(s.cacheDir, 'enterprise-attack.json') : undefined;
  }

  private load(s: AttackSourceSettings): void {
    if (s.file) {
      this.index = loadAttackIndex(s.file);
      this.reason = this.index ? undefined : `the file ${s.file} could not be read as an ATT&CK STIX bundle`;
      return;
    }
    const cached = this.cacheFile(s);
    if (cached && fs.existsSync(cached)) {
      this.index = loadAttackIndex(cached);
      if (this.index) {
        this.reason = undefined;
        return;
      }
    }
    if (!s.download) {
      this.useSnapshot(
        'set `detectionWorkbench.attack.file` to a copy of MITRE\'s enterprise-attack.json, or allow ' +
          '`detectionWorkbench.attack.download` to fetch it once',
      );
      return;
    }
    if (!cached) {
      this.useSnapshot('there is no folder to cache the downloaded ATT&CK bundle in');
      return;
    }
    // The snapshot answers until the download has finished.
    this.useSnapshot(`downloading ATT&CK data from ${s.url}…`);
    const key = this.key;
    this.downloading ??= download(s.url, cached)
      .then(() => {
        if (this.key !== key) return;
        const downloaded = loadAttackIndex(cached);
        if (downloaded) {
          this.index = downloaded;
          this.reason = undefined;
          this.log(`Downloaded ATT&CK data (${downloaded.size} techniques) to ${cached}.`);
        } else {
          const problem = `the bundle downloaded from ${s.url} could not be read`;
          this.useSnapshot(problem);
          this.log(this.index ? `${problem}; using the bundled ATT&CK snapshot` : problem);
        }
        this.onLoaded();
      })
      .catch((e: unknown) => {
        const problem = `downloading ${s.url} failed: ${e instanceof Error ? e.message : String(e)}`;
        this.useSnapshot(problem);
        this.log(this.index ? `${problem}; using the bundled ATT&CK snapshot` : problem);
      })
      .finally(() => {
        this.downloading = undefined;
      });
  }

  /** Resolves when a download in progress has finished (for tests). */
  async settled(): Promise<void> {
    await this.downloading;
  }
}

async function download(url: string, target: string): Promise<void> {
  const response = await fetch(url, { signal: AbortSignal.timeout(120_000) });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const body = await response.text();
  JSON.parse(body); // only cache what parses
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  fs.writeFileSync(partial, body);
  fs.renameSync(partial, target);
}
