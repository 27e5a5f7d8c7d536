import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDigestView } from '../../../src/render/digest-view.js';
import { compileMjml } from '../../../src/render/mjml.js';
import { readSkeleton } from '../../../src/render/mjml-cache.js';
import { compileHere } from '../../../src/render/mjml-engine.js';
import { fillSlots, slotMjml } from '../../../src/render/mjml-slots.js';
import { createTemplateSet } from '../../../src/render/templates.js';
import { loadPapers, makeEdition, TEMPLATES_DIR } from './fixture.js';

const templates = createTemplateSet(TEMPLATES_DIR);
const cacheDir = mkdtempSync(path.join(tmpdir(), 'paperpost-mjml-cache-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

function digestMjml(perSection: number, more: number, count = 40): string {
  const edition = { ...makeEdition(loadPapers().slice(0, count), perSection), more };
  const view = buildDigestView(edition, {
    title: 'Paperpost',
    baseUrl: 'https://paperpost.example',
    postalAddress: '1 Example Street',
    fromName: 'Paperpost',
    summaryChars: 280,
  });
  return templates.renderHtml('digest.mjml', view);
}

describe('compileMjml through the skeleton cache', () => {
  it.each([
    [8, 0, 40],
    [8, 5, 40],
    [3, 0, 40],
    [40, 2, 40],
    [5, 0, 1],
  ])(
    'gives byte for byte the HTML of a whole compile (%i per section, %i more, %i papers)',
    async (per, more, count) => {
      const source = digestMjml(per, more, count);
      const whole = await compileHere(source);
      const first = await compileMjml(source, 'digest', { cacheDir });
      const again = await compileMjml(source, 'digest', { cacheDir });
      expect(first.html).toBe(whole.html);
      expect(again.html).toBe(whole.html);
      expect(first.warnings).toEqual([]);
    },
  );

  it('keeps compiled skeletons on disk', () => {
    expect(
      readdirSync(path.join(cacheDir, 'mjml')).filter((f) => f.endsWith('.json')).length,
    ).toBeGreaterThan(0);
  });

  it('reads a skeleton another process left on disk, and ignores a broken one', () => {
    mkdirSync(path.join(cacheDir, 'mjml'), { recursive: true });
    writeFileSync(path.join(cacheDir, 'mjml', 'k1.json'), JSON.stringify({ html: '<html>x</html>' }));
    writeFileSync(path.join(cacheDir, 'mjml', 'k2.json'), '{"html": 3');
    expect(readSkeleton('k1', cacheDir)).toEqual({ html: '<html>x</html>' });
    expect(readSkeleton('k2', cacheDir)).toBeNull();
    expect(readSkeleton('k3', undefined)).toBeNull();
  });

  it('is the same for letters', async () => {
    const source = templates.renderHtml('confirm.mjml', {
      title: 'Paperpost',
      subject: 'Confirm "now" & <then>',
      preheader: 'p',
      sender: { fromName: 'P', postalAddress: 'A' },
      confirmUrl: 'https://x.example/c?a=1&b=2',
      email: 'a@b.example',
    });
    expect((await compileMjml(source, 'confirm')).html).toBe((await compileHere(source)).html);
  });

  it('compiles whole, with its warnings, a document whose skeleton MJML flags', async () => {
    const source =
      '<mjml><mj-body><mj-section><mj-column><mj-text bogus="1">Hi</mj-text></mj-column></mj-section></mj-body></mjml>';
    const result = await compileMjml(source, 'bad');
    expect(result.warnings.length).toBeGreaterThan(0);
    expect(result.html).toBe((await compileHere(source)).html);
  });
});

describe('slotMjml', () => {
  it('cuts out trimmed contents and leaves empty ones', () => {
    const slotted = slotMjml('<mj-text a="x>y">\n <p>Hi</p>\n</mj-text><mj-raw></mj-raw><mj-text />');
    expect(slotted?.slots).toEqual(['<p>Hi</p>']);
    expect(slotted?.skeleton).toBe('<mj-text a="x>y">ppslot7f3a0x</mj-text><mj-raw></mj-raw><mj-text />');
  });

  it.each([
    '<mj-head><mj-html-attributes></mj-html-attributes></mj-head>',
    '<mj-style inline="inline">p{}</mj-style>',
    '<mj-text><!--[if mso]>x<![endif]--></mj-text>',
    '<mj-text>ppslot7f3a0x</mj-text>',
  ])('refuses what MJML would rewrite: %s', (source) => {
    expect(slotMjml(source)).toBeNull();
  });

  it('fails when a marker went missing', () => {
    expect(fillSlots('<div>ppslot7f3a0x</div>', ['a', 'b'])).toBeNull();
    expect(fillSlots('<t>ppslot7f3a0x</t><i>ppslot7f3a0x</i>', ['$&'])).toBe('<t>$&</t><i>$&</i>');
  });
});
