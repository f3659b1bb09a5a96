import type { Locator, Page } from 'playwright-core';

// How the e2e tests fill antd's composite inputs, in one place: each of these needs the popup's
// own keys and clicks, and a stray key after the popup has closed goes to the dialog around it.

/** Types a fragment of the organisation's name into the tree select and picks it. */
export async function pickOrg(page: Page, picker: Locator, orgName: string): Promise<void> {
  await picker.click();
  await picker.fill(orgName.slice(0, 4));
  await page.locator('.ant-select-tree-node-content-wrapper:visible', { hasText: orgName }).first().click();
}

/**
 * antd's date picker accepts a typed date confirmed with Enter, which also closes its panel. Waits
 * for the panel to go rather than pressing Escape: with animations off the panel is already gone,
 * and the Escape would close the dialog holding the picker.
 */
export async function fillDate(page: Page, input: Locator, date: string): Promise<void> {
  await input.click();
  await input.fill(date);
  await input.press('Enter');
  await page.locator('.ant-picker-dropdown:visible').first().waitFor({ state: 'hidden' });
}

/** An option of the open antd select, as shown (antd's role=option list is for screen readers and mostly hidden). */
export const option = (page: Page, label: string): Locator => page.locator(`.ant-select-item-option[title="${label}"]`);
