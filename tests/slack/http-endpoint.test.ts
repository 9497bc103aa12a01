import { parse } from 'node:querystring';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formFields } from '../../src/slack/http-endpoint.js';

const asParsed = (raw: string) => ({ ...parse(raw) });

describe("reading a form body (Slack's interactive payload)", () => {
  it('reads any payload exactly as the query string parser does', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (payload) => {
        const raw = new URLSearchParams({ payload }).toString();
        expect(formFields(raw)).toEqual(asParsed(raw));
        expect(formFields(raw).payload).toBe(payload);
      }),
    );
  });

  it('reads malformed escapes and other forms leniently, as the query string parser does', () => {
    for (const raw of [
      'payload=%E0%A4%A',
      'payload=100%',
      'payload=%zz',
      'payload=a&payload=b',
      'ssl_check=1&token=x',
      'payload',
    ]) {
      expect(formFields(raw), raw).toEqual(asParsed(raw));
    }
  });
});
