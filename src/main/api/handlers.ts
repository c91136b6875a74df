import type { Method, Output, ParsedInput } from '../../shared/api/contract';
import type { ServiceContext } from '../services/context';
import { listAudit } from '../services/audit';
import * as settings from '../services/settings';
import * as system from '../services/system';

export type Handler<M extends Method> = (
  ctx: ServiceContext,
  input: ParsedInput<M>,
) => Output<M> | Promise<Output<M>>;

export type Handlers = { [M in Method]: Handler<M> };

/**
 * Method name -> service function. The type makes a missing or mistyped handler a compile
 * error, so the contract and the implementation cannot drift apart.
 */
export const handlers: Handlers = {
  'system.health': (ctx) => ctx.host.health(),
  'system.info': system.systemInfo,
  'backups.list': system.backupsList,
  'backups.create': system.backupNow,
  'backups.restore': system.backupRestore,
  'audit.list': listAudit,

  'settings.get': settings.getSettings,
  'settings.completeSetup': settings.completeSetup,
  'settings.updateProfile': settings.updateProfile,
  'settings.updatePreferences': settings.updatePreferences,
  'settings.updateNumbering': settings.updateNumbering,
  'settings.setLogo': settings.setLogo,
  'settings.removeLogo': settings.removeLogo,
  'settings.getLogo': settings.getLogo,
};
