/**
 * Child process for the crash test: opens Folio on the given folder and saves record after
 * record through the real dispatcher, reporting each one to the parent only after its
 * transaction committed. The parent kills it with SIGKILL at a random moment.
 */
import { openFolio } from '../../src/main/app';
import { silentLogger } from '../../src/main/log';
import { SAMPLE_PREFERENCES, SAMPLE_PROFILE } from './folio';

const [dataDir, startAt] = process.argv.slice(2);

async function main() {
  const folio = await openFolio({
    dataDir: dataDir!,
    mode: 'browser',
    version: 'crash-test',
    log: silentLogger,
  });
  const setup = await folio.dispatch('settings.get', {});
  if (setup.ok && !(setup.value as { setupComplete: boolean }).setupComplete) {
    await folio.dispatch('settings.completeSetup', {
      profile: SAMPLE_PROFILE,
      preferences: SAMPLE_PREFERENCES,
    });
  }
  process.send!({ ready: true });
  for (let n = Number(startAt); ; n++) {
    const result = await folio.dispatch('settings.updateProfile', { ...SAMPLE_PROFILE, name: `Record ${n}` });
    if (!result.ok) throw new Error(result.error.message);
    process.send!({ committed: n });
  }
}

void main();
