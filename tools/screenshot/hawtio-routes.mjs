// The README's screenshot: Hawtio (bin/hawtio, on 127.0.0.1:8090) logged in, connected through its proxy to the
// bridge's Jolokia as the viewer, on its Camel routes page. Run by bin/hawtio-check with Debian's chromium.
// Usage: node hawtio-routes.mjs <hawtio password> <bridge viewer password> <png>
import { chromium } from 'playwright-core';

const [hawtioPassword, viewerPassword, png] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  // without the background-networking flags Chromium keeps calling out of a machine that has no way out
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto('http://127.0.0.1:8090/hawtio/');
  await page.fill('#pf-login-username-id', 'operator');
  await page.fill('#pf-login-password-id', hawtioPassword);
  await page.keyboard.press('Enter');
  // logged in, Hawtio lands on its Connect page
  await page.waitForURL(url => url.pathname.includes('/connect'), { timeout: 30000 });
  await page.waitForLoadState('networkidle');
  // the connection and its login, as Hawtio's Connect tab keeps them
  await page.evaluate(([password]) => {
    localStorage.setItem('connect.connections', JSON.stringify({
      'tap-bridge': { name: 'tap-bridge', scheme: 'http', host: '127.0.0.1', port: 9876, path: '/observe/jolokia' },
    }));
    sessionStorage.setItem('connect.credentials', JSON.stringify({ username: 'viewer', password }));
  }, [viewerPassword]);
  await page.goto('http://127.0.0.1:8090/hawtio/camel/routes?con=tap-bridge');
  try {
    await page.getByText('orders-intake').first().waitFor({ timeout: 60000 });
  } catch (e) {
    await page.screenshot({ path: png.replace(/\.png$/, '-failed.png') }); // what the page showed instead
    throw e;
  }
  // the routes folder: Hawtio's table of the routes with their state and exchange counters
  await page.getByText('routes', { exact: true }).first().click();
  await page.getByRole('grid').or(page.locator('table')).first().waitFor({ timeout: 30000 });
  await page.waitForTimeout(2000); // let the exchange counters fill in
  await page.screenshot({ path: png, fullPage: false });
} finally {
  await browser.close();
}
