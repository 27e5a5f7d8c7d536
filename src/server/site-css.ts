import { createHash } from 'node:crypto';

/** The site's one stylesheet, served from the app (CSP: style-src 'self', no inline styles). */
export const SITE_CSS = `
:root { --ink: #1d2330; --muted: #5b6475; --line: #d9dee7; --accent: #2f5bd3; --accent-ink: #fff;
  --bg: #f6f7fb; --card: #fff; --warn: #a4361b; --notice: #eef2fd; --error-bg: #fbeeea;
  --secondary: #e8ecf5; --focus: #9db4f0; color-scheme: light dark; }
@media (prefers-color-scheme: dark) {
  :root { --ink: #e6e9ef; --muted: #a3acbd; --line: #343b4a; --accent: #8fb0ff; --accent-ink: #0d1320;
    --bg: #12161f; --card: #1b2130; --warn: #ff9c80; --notice: #1f2a44; --error-bg: #3a2320;
    --secondary: #2a3244; --focus: #4d6fd1; }
  button.danger { color: #1b0d08; }
}
* { box-sizing: border-box; }
html { font: 17px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
body { margin: 0; }
a { color: var(--accent); }
.site-header { padding: 1rem 1.25rem; border-bottom: 1px solid var(--line); background: var(--card); }
.site-header a { color: var(--ink); text-decoration: none; font-weight: 700; font-size: 1.15rem; }
main { max-width: 40rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
main.wide { max-width: 60rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 .75rem; }
h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
p.lead { color: var(--muted); margin-top: 0; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 1.25rem; margin: 1rem 0; }
.card > input[type=hidden] + * { margin-top: 0; }
label { display: block; font-weight: 600; margin: 0 0 .35rem; }
input[type=email] { width: 100%; font: inherit; padding: .65rem .75rem; border: 1px solid var(--line); border-radius: 8px;
  background: var(--card); color: var(--ink); }
input[aria-invalid=true] { border-color: var(--warn); border-width: 2px; }
.field-error { color: var(--warn); font-weight: 600; margin: .35rem 0 0; }
input[type=email]:focus, button:focus-visible { outline: 3px solid var(--focus); outline-offset: 1px; }
fieldset { border: 0; padding: 0; margin: 1rem 0; }
legend { font-weight: 600; margin-bottom: .35rem; padding: 0; }
.topic-group { margin: .75rem 0 .3rem; font-size: .8rem; font-weight: 600; letter-spacing: .04em; text-transform: uppercase; color: var(--muted); }
.choices { display: grid; grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr)); gap: .35rem .75rem; }
.choice { display: flex; gap: .5rem; align-items: center; font-weight: 400; margin: 0; }
.choice input { width: 1.1rem; height: 1.1rem; margin: 0; flex: none; accent-color: var(--accent); }
.hint { color: var(--muted); font-size: .9rem; margin: .25rem 0 0; }
button { font: inherit; font-weight: 600; border: 0; border-radius: 8px; padding: .65rem 1.2rem; cursor: pointer;
  background: var(--accent); color: var(--accent-ink); }
button.secondary { background: var(--secondary); color: var(--ink); }
button.danger { background: var(--warn); }
.actions { display: flex; flex-wrap: wrap; gap: .75rem; margin-top: 1rem; }
.notice { border-left: 4px solid var(--accent); background: var(--notice); padding: .6rem .9rem; border-radius: 4px; }
.error { border-left-color: var(--warn); background: var(--error-bg); }
.hp { position: absolute; left: -10000px; width: 1px; height: 1px; overflow: hidden; }
ul.editions { list-style: none; padding: 0; }
ul.editions li { padding: .6rem 0; border-bottom: 1px solid var(--line); }
.meta { color: var(--muted); font-size: .9rem; }
.nowrap { white-space: nowrap; }
.toc .count { color: var(--muted); }
li.paper p.why { margin-top: 0; }
.toc { font-size: .95rem; line-height: 1.9; margin: 1rem 0 1.5rem; }
@media (min-width: 40rem) { .toc a { white-space: nowrap; } }
section.topic { scroll-margin-top: 1rem; border-top: 1px solid var(--line); margin-top: 1.5rem; }
ol.papers { list-style: none; padding: 0; margin: 0; }
li.paper { padding: .75rem 0; border-bottom: 1px solid var(--line); }
li.paper:last-child { border-bottom: 0; }
li.paper h3 { font-size: 1.02rem; line-height: 1.35; margin: 0 0 .2rem; }
li.paper h3 a { color: var(--ink); text-decoration: none; }
li.paper h3 a:hover { text-decoration: underline; }
li.paper p { margin: .2rem 0; }
.summary { font-size: .95rem; overflow-wrap: anywhere; }
.links { font-size: .9rem; }
.links a, footer a { display: inline-block; padding: .3rem 0; }
footer a { padding: .4rem .3rem; }
h3.more-head { font-size: 1rem; color: var(--muted); margin: 1rem 0 .25rem; }
.sample h2 { margin-top: 0; }
.sample h3 { font-size: 1rem; margin: 1rem 0 .25rem; }
footer { color: var(--muted); font-size: .85rem; text-align: center; padding: 2rem 1rem; }
@media (min-width: 900px) { html { font-size: 18px; } main { padding-top: 2.5rem; } }
`;

/** Short content hash, used in the stylesheet URL so it can be cached for long. */
export const SITE_CSS_HASH = createHash('sha256').update(SITE_CSS).digest('hex').slice(0, 10);
