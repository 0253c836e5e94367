import type { TokenCipher } from './token-cipher';

/**
 * Installations made through OAuth ("Add to Slack"): one bot token per workspace, or one per
 * Enterprise Grid organization for an org-wide install. Every request picks its token by the
 * team and enterprise Slack sends with it; a deployment with a static SLACK_BOT_TOKEN and no
 * installations keeps working as a single-workspace install.
 */

/** Who a request comes from: the workspace, its Grid organization, and whether the app is installed org-wide. */
export type Installer = { team: string; enterprise?: string; enterpriseInstall: boolean };

export type Installation = {
  team?: string;
  enterprise?: string;
  enterpriseInstall: boolean;
  botToken: string;
  botUserId?: string;
  scopes?: string;
  appId?: string;
};

/** The row an installation is kept under: the organization for an org-wide install, else the workspace. */
export function installationKey(i: { team?: string; enterprise?: string; enterpriseInstall: boolean }): string | null {
  if (i.enterpriseInstall) return i.enterprise ? `E:${i.enterprise}` : null;
  return i.team ? `T:${i.team}` : null;
}

/** The rows that may hold a request's token, most specific first (a workspace install, then its organization's). */
export function candidateKeys(who: Installer): string[] {
  const keys: string[] = [];
  if (who.enterpriseInstall && who.enterprise) keys.push(`E:${who.enterprise}`);
  if (who.team) keys.push(`T:${who.team}`);
  if (!who.enterpriseInstall && who.enterprise) keys.push(`E:${who.enterprise}`);
  return keys;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});

/** Reads the installer from an Events API envelope (its authorizations say whether the install is org-wide). */
export function installerOfEnvelope(body: Record<string, unknown>): Installer {
  const auth = Array.isArray(body.authorizations) ? obj(body.authorizations[0]) : {};
  return {
    team: str(body.team_id) ?? str(auth.team_id) ?? '',
    enterprise: str(body.enterprise_id) ?? str(auth.enterprise_id),
    enterpriseInstall: auth.is_enterprise_install === true || body.is_enterprise_install === true,
  };
}

/** Reads the installer from a slash command's form. */
export function installerOfCommand(form: URLSearchParams): Installer {
  return { team: form.get('team_id') ?? '', enterprise: form.get('enterprise_id') || undefined, enterpriseInstall: form.get('is_enterprise_install') === 'true' };
}

/** Reads the installer from an interaction payload (block_actions, view_submission, message_action). */
export function installerOfInteraction(payload: Record<string, unknown>): Installer {
  return {
    team: str(obj(payload.team).id) ?? str(obj(payload.user).team_id) ?? '',
    enterprise: str(obj(payload.enterprise).id),
    enterpriseInstall: payload.is_enterprise_install === true,
  };
}

export type InstallationStore = {
  save(i: Installation): Promise<void>;
  /** The installation that serves this installer, or null. */
  find(who: Installer): Promise<Installation | null>;
  /** Removes the installation that serves this installer; resolves to how many were removed. */
  remove(who: Installer): Promise<number>;
};

type Row = { key: string; team_id: string | null; enterprise_id: string | null; is_enterprise_install: number; bot_token: string; bot_user_id: string | null; scopes: string | null; app_id: string | null };

export function d1InstallationStore(db: D1Database, cipher: TokenCipher): InstallationStore {
  const exact = (who: Installer) => installationKey({ team: who.team, enterprise: who.enterprise, enterpriseInstall: who.enterpriseInstall });
  return {
    async save(i) {
      const key = installationKey(i);
      if (!key) throw new Error('An installation needs a team id, or an enterprise id for an org-wide install.');
      await db
        .prepare(
          `INSERT INTO slack_installations (key, team_id, enterprise_id, is_enterprise_install, bot_token, bot_user_id, scopes, app_id)
           VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
           ON CONFLICT (key) DO UPDATE SET team_id = ?2, enterprise_id = ?3, is_enterprise_install = ?4, bot_token = ?5,
             bot_user_id = ?6, scopes = ?7, app_id = ?8, installed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
        )
        .bind(key, i.team ?? null, i.enterprise ?? null, i.enterpriseInstall ? 1 : 0, await cipher.encrypt(i.botToken, key), i.botUserId ?? null, i.scopes ?? null, i.appId ?? null)
        .run();
    },
    async find(who) {
      for (const key of candidateKeys(who)) {
        const row = await db.prepare('SELECT * FROM slack_installations WHERE key = ?').bind(key).first<Row>();
        if (!row) continue;
        const botToken = await cipher.decrypt(row.bot_token, row.key);
        if (!botToken) throw new Error(`The bot token stored for ${row.key} does not decrypt: SLACK_TOKEN_KEY changed since it was installed. Reinstall the app from /slack/install.`);
        return { team: row.team_id ?? undefined, enterprise: row.enterprise_id ?? undefined, enterpriseInstall: row.is_enterprise_install === 1, botToken, botUserId: row.bot_user_id ?? undefined, scopes: row.scopes ?? undefined, appId: row.app_id ?? undefined };
      }
      return null;
    },
    async remove(who) {
      const key = exact(who);
      if (!key) return 0;
      const r = await db.prepare('DELETE FROM slack_installations WHERE key = ?').bind(key).run();
      return r.meta.changes ?? 0;
    },
  };
}

/** In memory (tests, Socket Mode); tokens are still encrypted, as in D1. */
export function memoryInstallationStore(cipher: TokenCipher): InstallationStore & { rows: Map<string, Omit<Installation, 'botToken'> & { sealed: string }> } {
  const rows = new Map<string, Omit<Installation, 'botToken'> & { sealed: string }>();
  return {
    rows,
    async save(i) {
      const key = installationKey(i);
      if (!key) throw new Error('An installation needs a team id, or an enterprise id for an org-wide install.');
      const { botToken, ...rest } = i;
      rows.set(key, { ...rest, sealed: await cipher.encrypt(botToken, key) });
    },
    async find(who) {
      for (const key of candidateKeys(who)) {
        const row = rows.get(key);
        if (!row) continue;
        const { sealed, ...rest } = row;
        const botToken = await cipher.decrypt(sealed, key);
        return botToken ? { ...rest, botToken } : null;
      }
      return null;
    },
    async remove(who) {
      const key = installationKey({ team: who.team, enterprise: who.enterprise, enterpriseInstall: who.enterpriseInstall });
      return key && rows.delete(key) ? 1 : 0;
    },
  };
}

/**
 * The bot token for a request: its OAuth installation when there is one, else the static
 * SLACK_BOT_TOKEN (a single-workspace install), else null (not installed for this workspace).
 */
export async function botTokenFor(who: Installer, installations: InstallationStore | null, staticToken: string | undefined): Promise<string | null> {
  const found = installations ? await installations.find(who) : null;
  return found?.botToken ?? (staticToken || null);
}

/**
 * Deletes what the app stored for a workspace that uninstalled it or revoked its token: its
 * installation, and its threads, channel settings, event ids and feedback (rows carry the team id).
 */
export async function forgetWorkspace(db: D1Database, installations: InstallationStore | null, who: Installer): Promise<void> {
  if (installations) await installations.remove(who);
  if (!who.team) return;
  await db.batch([
    db.prepare('DELETE FROM slack_threads WHERE team_id = ?').bind(who.team),
    db.prepare('DELETE FROM slack_channels WHERE team_id = ?').bind(who.team),
    db.prepare('DELETE FROM slack_events WHERE team_id = ?').bind(who.team),
    db.prepare('DELETE FROM feedback WHERE team_id = ?').bind(who.team),
  ]);
}
