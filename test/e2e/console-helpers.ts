import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_PASSWORD } from '../../local/auth.js';
import type { LocalCloud } from '../../local/cloud.js';
import { mailsTo } from '../local/helpers.js';

/**
 * Helpers for the staff console's browser tests and screenshots: sign in through the real code
 * flow on the local login page, and find the console links the team mails carry.
 */

/** The demo participants of local/seed.ts, by site. */
export const DEMO_PEOPLE = {
  marxloh: ['Erika Beispiel', 'Ayşe Örnek', 'سامي مثال'],
  hochfeld: ['Олена Приклад', 'Иван Примеров', 'Maria Exemplu'],
} as const;

export const TEAM_MAIL = { marxloh: 'team-marxloh@biwaq.example', hochfeld: 'team-hochfeld@biwaq.example' } as const;

/** Opens `path` (under the console), signs in on the local login page and waits until the console shows the user. */
export async function signIn(page: Page, cloud: LocalCloud, username: string, path = '/console/'): Promise<void> {
  await page.goto(`${cloud.apiUrl}${path}`);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.waitForURL(/\/local\/auth\/interaction\//);
  await page.getByLabel('Benutzername').fill(username);
  await page.getByLabel('Passwort').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.getByText(`Angemeldet als ${username}`).waitFor({ state: 'attached' });
}

export interface TeamNotice {
  reference: string;
  link: string;
  participantId: string;
}

/** The team notices a site received: reference and the console link of each (the mails carry nothing else). */
export async function teamNotices(cloud: LocalCloud, site: keyof typeof TEAM_MAIL): Promise<TeamNotice[]> {
  const out: TeamNotice[] = [];
  for (const m of await mailsTo(cloud, TEAM_MAIL[site])) {
    const text = m.body.text ?? '';
    const link = /https?:\/\/\S+\/console\/participants\/([0-9a-f]{32})/.exec(text);
    const reference = /([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(m.subject ?? '');
    if (link && reference && /neue Anmeldung/.test(m.subject ?? '')) out.push({ reference: reference[1]!, link: link[0], participantId: link[1]! });
  }
  return out;
}

/** Every visible control (links, buttons, choices, fields, disclosures) is at least 48 px high on a phone; a box inside a `.choice` row is reached through the row. */
export async function expectSmallTargetsNone(page: Page, label: string) {
  const small = await page.evaluate(() => {
    const out: string[] = [];
    const targets = document.querySelectorAll<HTMLElement>('a[href], button, summary, .chip, .choice, input:not([type="radio"]):not(.choice__input), textarea');
    for (const el of targets) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || el.classList.contains('skip-link')) continue;
      if (r.height < 47.5) out.push(`${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 30)}" ${Math.round(r.height)} px`);
    }
    return out;
  });
  expect(small, label).toEqual([]);
}
