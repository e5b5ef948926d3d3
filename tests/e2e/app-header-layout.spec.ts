import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

// The header at laptop widths: every control a person can see or click sits in its own space,
// fully on screen, whatever the window's width (the demo workspace connects three handles).

interface Box {
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Every visible control in the header, with the name a person would call it by. */
async function headerControls(page: Page): Promise<Box[]> {
  const header = page.getByRole('banner');
  await expect(header.getByRole('searchbox', { name: 'Search archive' })).toBeVisible();
  await expect(header.getByRole('combobox', { name: 'Account' })).toHaveValue(/.+/);
  return header.evaluate((root) => {
    const selector = '.account, .brand, input, select, button, label';
    const view = root.ownerDocument.defaultView!;
    return [...root.querySelectorAll(selector)]
      .filter((element) => element.getBoundingClientRect().width > 1 && view.getComputedStyle(element).visibility !== 'hidden')
      // A control inside another (a label around its field) shares its parent's space by design.
      .filter((element, _index, all) => !all.some((other) => other !== element && other.contains(element)))
      .map((element) => {
        const rect = element.getBoundingClientRect();
        const name = element.getAttribute('aria-label') ?? element.getAttribute('title') ?? element.textContent?.trim() ?? element.tagName;
        return { name: `${element.tagName.toLowerCase()} "${name}"`, x: rect.x, y: rect.y, width: rect.width, height: rect.height };
      });
  });
}

function overlaps(a: Box, b: Box): boolean {
  // A pixel of shared border is no overlap: rounding puts neighbours edge to edge.
  const tolerance = 1;
  return a.x + a.width - tolerance > b.x && b.x + b.width - tolerance > a.x && a.y + a.height - tolerance > b.y && b.y + b.height - tolerance > a.y;
}

for (const width of [1024, 1280, 1680]) {
  test(`at ${width} px wide no header control overlaps another or leaves the screen`, async ({ page, workspace }) => {
    await page.setViewportSize({ width, height: 800 });
    await page.goto(workspace.appUrl);
    const controls = await headerControls(page);
    await page.getByRole('banner').screenshot({ path: test.info().outputPath(`header-${width}.png`) });

    // The three demo handles, the archive box, the mute and shortcut buttons, the handle picker, Accounts, Add column.
    expect(controls.length).toBeGreaterThanOrEqual(9);
    const clipped = controls.filter((box) => box.x < 0 || box.y < 0 || box.x + box.width > width + 0.5 || box.width < 8);
    expect(clipped, 'controls cut off at the window edge').toEqual([]);
    const collisions: string[] = [];
    for (const [index, a] of controls.entries()) {
      for (const b of controls.slice(index + 1)) {
        if (overlaps(a, b)) collisions.push(`${a.name} and ${b.name}`);
      }
    }
    expect(collisions, 'controls drawn over each other').toEqual([]);
    // Nothing spills past the header's own edge either (an overflowing row scrolls or hides).
    const spill = await page.getByRole('banner').evaluate((header) => header.scrollWidth - header.clientWidth);
    expect(spill).toBeLessThanOrEqual(0);
  });
}

test('the handle picker says in view what it changes', async ({ page, workspace }) => {
  await page.goto(workspace.appUrl);
  const header = page.getByRole('banner');
  await expect(header.getByText('Acting as')).toBeVisible();
  const picker = header.getByLabel('Acting as');
  await expect(picker).toHaveRole('combobox');
  await expect(picker).toHaveAccessibleName(/^Acting as .*account/);
});
