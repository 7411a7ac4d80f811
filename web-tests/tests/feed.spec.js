import { test, expect } from '@playwright/test';
import { mkdirSync } from 'node:fs';

const page_ = process.env.TIERFEED_WEB_URL;
const shots = process.env.TIERFEED_SCREENSHOTS || 'test-results/screenshots';
mkdirSync(shots, { recursive: true });

// a 240×135 PNG: a checkerboard of amber and blue
const PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAPAAAACHCAIAAACnEEO8AAACA0lEQVR42u3cMQ0AIAxFQeQgAiWIZcYVrF0Yu5RLKuDl5+a2s0bS' +
  '9bmTTrPm1zVDawba0JqBhkMz0HBoBloz0IbWDLShNQMNh2ag4dAMtGagDa0ZaENrBhoOzUDDoRlozUAbWjPQhtYMNByagdasGWjN' +
  'QBtaM9CG1gw0HJqB1qwZaM1AG1oz0IbWDDQcmoHWrDmANofmSs1Aawba0JqBhkMz0HBoBloz0IbWDLShNQMNh2ag4dAMtGagDa0Z' +
  'aENrBhoOzUDDoRlozUAbWjPQhtYMNByagYZDM9CagTa0ZqANrRloODQDrVkz0JqBNrRmoA2tGWg4NAOtWXMEbQ7N/kMbWjPQcGgG' +
  'Gg7NQGsG2tCagTa0ZqDh0Aw0HJqB1gy0oTUDbWjNQMOhGWg4NAOtGWhDawba0JqBhkMz0Jo1A60ZaENrBtrQmoGGQzPQmjUDrRlo' +
  'Q2sG2tCagYZDM9CaNQOtuSpoc2j2H9rQmoGGQzPQcGgGWjPQhtYMtKE1Aw2HZqDh0Ay0ZqANrRloQ2sGGg7NQMOhGWjNQBtaM9CG' +
  '1gw0HJqB1qwZaM1AG1oz0IbWDDQcmoHWrBlozUAbWjPQhtYMNByagdasGWjNVUGbQ7P/0IbWDDQcmoGGQzPQmoE2tGagDa0ZaDg0' +
  'Aw2HZqA1A21ozUAbWjPQcGgGGg7NQGv+qfkCpn9z65S7FXkAAAAASUVORK5CYII=',
  'base64');

function unique(prefix) {
  return `${prefix}${Date.now().toString(36).slice(-5)}${Math.floor(Math.random() * 1000)}`;
}

async function signUp(page, handle) {
  await page.goto(page_);
  await page.locator('#handle').fill(handle);
  await page.locator('#password').fill('a long browser password');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.locator('#who-name')).toHaveText(`@${handle}`);
  await expect(page.locator('#live')).toBeVisible(); // the live stream is open
}

test('a post with a photo reaches a follower live, and once shown it is not listed again', async ({ browser }) => {
  const alice = await (await browser.newContext()).newPage();
  const bob = await (await browser.newContext()).newPage();
  const aliceHandle = unique('alice');
  await signUp(alice, aliceHandle);
  await signUp(bob, unique('bob'));

  await bob.locator('#follow-handle').fill(aliceHandle);
  await bob.getByRole('button', { name: 'Follow', exact: true }).click();
  await expect(bob.locator('#follow-status')).toHaveText(`You follow @${aliceHandle}.`);
  await bob.screenshot({ path: `${shots}/1-bob-follows-alice.png`, fullPage: true });

  await alice.getByLabel('What is happening?').fill('hello from the browser');
  await alice.locator('#photo').setInputFiles({ name: 'square.png', mimeType: 'image/png', buffer: PHOTO });
  await alice.screenshot({ path: `${shots}/2-alice-writes-a-post.png`, fullPage: true });
  await alice.getByRole('button', { name: 'Post', exact: true }).click();
  await expect(alice.getByLabel('What is happening?')).toHaveValue('');

  // bob's page shows it without reloading: it came on the live stream
  const item = bob.locator('#feed li', { hasText: 'hello from the browser' });
  await expect(item).toBeVisible({ timeout: 10_000 });
  await expect(item.locator('.badge')).toHaveText('FREE');
  await expect(item.locator('.author')).toHaveText(`@${aliceHandle}`);
  const photo = item.locator('.media img');
  await expect(photo).toHaveAttribute('src', /^\/v1\/media\/\d+$/);
  await expect.poll(() => photo.evaluate((img) => img.complete && img.naturalWidth)).toBe(240);
  await bob.screenshot({ path: `${shots}/3-bob-sees-it-live.png`, fullPage: true });

  // on screen for a second, it is acknowledged as seen; after a reload it is not listed again
  await expect(item).toHaveAttribute('data-seen', 'yes', { timeout: 10_000 });
  await bob.reload();
  await expect(bob.locator('#live')).toBeVisible();
  await expect(bob.locator('#feed li', { hasText: 'hello from the browser' })).toHaveCount(0);
  await expect(bob.locator('#empty')).toBeVisible();
  await bob.screenshot({ path: `${shots}/4-bob-after-reload.png`, fullPage: true });
});

test('errors are shown clearly: too long a post, a wrong password', async ({ page }) => {
  const handle = unique('carol');
  await signUp(page, handle);
  await page.getByLabel('What is happening?').fill('x'.repeat(281));
  await expect(page.locator('#count')).toHaveText('281 / 280');
  await expect(page.locator('#count')).toHaveClass(/over/);
  await page.getByRole('button', { name: 'Post', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('at most 280');
  await page.screenshot({ path: `${shots}/5-too-long.png`, fullPage: true });

  await page.getByRole('button', { name: 'Log out' }).click();
  await page.locator('#handle').fill(handle);
  await page.locator('#password').fill('not my password at all');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('alert')).toHaveText('No account has this handle and password.');
});
