import { describe, expect, it } from 'vitest';
import type { RenderedVariant } from '../../../src/domain/index.js';
import {
  fillPlaceholders,
  PLACEHOLDERS,
  personalize,
  topicUnsubscribePlaceholder,
} from '../../../src/render/index.js';
import { SAMPLE_VALUES } from './fixture.js';

function variant(html: string, text = '', subject = 'Subject'): RenderedVariant {
  return { variantKey: 'daily:*', subject, preheader: 'p', html, text };
}

describe('personalize', () => {
  it.each([
    ['%%EMAIL%%', 'ada@example.org', 'ada@example.org'],
    ['%%NAME%%', 'Ada &lt;Lovelace&gt; &amp; Co', 'Ada <Lovelace> & Co'],
    ['%%GREETING%%', 'Hi Ada &lt;Lovelace&gt; &amp; Co,', 'Hi Ada <Lovelace> & Co,'],
    ['<a href="%%UNSUBSCRIBE_URL%%">', '<a href="https://paperpost.example/u/tok123?a=1&amp;b=2">', null],
    ['%%PREFERENCES_URL%%', 'https://paperpost.example/p/tok123', 'https://paperpost.example/p/tok123'],
    [
      '%%TOPIC_UNSUBSCRIBE_URL:computer-vision%%',
      'https://paperpost.example/u/tok123?topic=computer-vision',
      'https://paperpost.example/u/tok123?topic=computer-vision',
    ],
    ['%%UNKNOWN_THING%%', '%%UNKNOWN_THING%%', '%%UNKNOWN_THING%%'],
    ['100%% sure %%', '100%% sure %%', '100%% sure %%'],
    ['no placeholders', 'no placeholders', 'no placeholders'],
  ])('%s', (source, html, text) => {
    const out = personalize(variant(source, source), SAMPLE_VALUES);
    expect(out.html).toBe(html);
    if (text !== null) expect(out.text).toBe(text);
  });

  it('fills every occurrence and keeps the text between them', () => {
    const out = personalize(variant('a%%EMAIL%%b%%EMAIL%%c'), SAMPLE_VALUES);
    expect(out.html).toBe('aada@example.orgbada@example.orgc');
  });

  it('greets without a name', () => {
    const out = personalize(variant('%%GREETING%% x', '%%NAME%%|%%GREETING%%'), {
      ...SAMPLE_VALUES,
      name: null,
    });
    expect(out.html).toBe('Hi, x');
    expect(out.text).toBe('|Hi,');
  });

  it('keeps a value with line breaks on one line', () => {
    const out = personalize(variant('', '%%NAME%%'), { ...SAMPLE_VALUES, name: 'Ada\r\nBcc: x@y' });
    expect(out.text).toBe('Ada Bcc: x@y');
  });

  it('reuses the split variant and gives each subscriber their own values', () => {
    const rendered = variant('<p>%%EMAIL%%</p>', 'To %%EMAIL%%');
    const a = personalize(rendered, SAMPLE_VALUES);
    const b = personalize(rendered, { ...SAMPLE_VALUES, email: 'bob@example.org' });
    expect(a.html).toBe('<p>ada@example.org</p>');
    expect(b.html).toBe('<p>bob@example.org</p>');
    expect(b.text).toBe('To bob@example.org');
    expect(rendered.html).toBe('<p>%%EMAIL%%</p>');
  });

  it('fills a header or MIME body the same way', () => {
    expect(fillPlaceholders('<%%UNSUBSCRIBE_URL%%>', SAMPLE_VALUES, false)).toBe(
      '<https://paperpost.example/u/tok123?a=1&b=2>',
    );
  });
});

describe('placeholders', () => {
  it('are URL-safe ASCII', () => {
    for (const value of Object.values(PLACEHOLDERS)) expect(value).toMatch(/^[A-Z%_:]+$/);
  });

  it.each([
    ['computer-vision', '%%TOPIC_UNSUBSCRIBE_URL:computer-vision%%'],
    ['cs.lg', '%%TOPIC_UNSUBSCRIBE_URL:cs.lg%%'],
    ['Bad Slug', null],
    ['a%%b', null],
    ['', null],
  ])('topic %j -> %j', (slug, expected) => {
    expect(topicUnsubscribePlaceholder(slug)).toBe(expected);
  });
});
