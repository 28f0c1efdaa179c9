// `npm run demo`: the main job on the bundled examples. Builds and packages the extension and,
// once the engine exists, previews an example detection against its sample log.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
execFileSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: 'inherit' });
const cli = join(root, 'dist', 'cli.js');
const detection = join(root, 'examples', 'detections', 'endpoint', 'regsvcs_outbound_network_connection.yml');
if (existsSync(cli)) {
  execFileSync(process.execPath, [cli, 'run', detection, '--attack-data', join(root, 'examples', 'attack_data')], { cwd: root, stdio: 'inherit' });
} else {
  console.log(`Packaged. Open the examples with: code ${join(root, 'examples')}`);
}
