/** The stylesheet of every page (kept as a string so the Worker and the build share it). */
export default `:root { --bg: #ffffff; --fg: #1a1c1e; --muted: #50565c; --accent: #0b5cad; --line: #d9dde1; --code: #f2f4f6; --max: 46rem; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #15171a; --fg: #e7e9eb; --muted: #a9b0b7; --accent: #7cb7ff; --line: #30353a; --code: #22262b; }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 17px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, textarea:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: var(--bg); padding: .5rem; z-index: 10; }
header.site, footer.site { border-bottom: 1px solid var(--line); padding: .75rem 1rem; display: flex; gap: 1.5rem; align-items: center; flex-wrap: wrap; }
footer.site { border-top: 1px solid var(--line); border-bottom: 0; color: var(--muted); font-size: .9rem; margin-top: 3rem; }
header.site nav { display: flex; gap: 1rem; flex-wrap: wrap; }
.brand { font-weight: 700; text-decoration: none; color: var(--fg); }
main { max-width: var(--max); margin: 0 auto; padding: 1rem; }
h1 { font-size: 2rem; line-height: 1.2; margin: 1rem 0 .5rem; }
h2 { margin-top: 2.2rem; border-top: 1px solid var(--line); padding-top: 1rem; scroll-margin-top: 1rem; }
h3 { margin-top: 1.5rem; }
.kind { color: var(--muted); text-transform: uppercase; letter-spacing: .05em; font-size: .8rem; margin: 0; }
.summary { font-size: 1.1rem; color: var(--fg); }
.aliases, .meta { color: var(--muted); font-size: .92rem; }
nav.toc { border: 1px solid var(--line); border-radius: 8px; padding: .5rem 1rem; margin: 1rem 0; }
nav.toc ol { margin: .25rem 0; padding-left: 1.2rem; }
code { background: var(--code); padding: .1em .3em; border-radius: 4px; font-size: .92em; }
pre { background: var(--code); padding: .75rem 1rem; overflow-x: auto; border-radius: 6px; }
pre code { background: none; padding: 0; }
.table { overflow-x: auto; }
table { border-collapse: collapse; margin: 1rem 0; font-size: .95rem; }
th, td { border: 1px solid var(--line); padding: .35rem .6rem; text-align: left; vertical-align: top; }
blockquote { border-left: 4px solid var(--line); margin: 1rem 0; padding: 0 1rem; color: var(--muted); }
ul.docs { padding-left: 1.2rem; }
ul.docs li { margin: .4rem 0; }
ul.docs .sum { display: block; color: var(--muted); font-size: .92rem; }
form.ask { display: flex; flex-wrap: wrap; gap: .5rem; margin: 1rem 0; }
form.ask label { width: 100%; font-weight: 600; }
form.ask input { flex: 1 1 16rem; font: inherit; padding: .5rem .7rem; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); color: var(--fg); }
form.ask button { font: inherit; padding: .5rem 1rem; border: 0; border-radius: 6px; background: var(--accent); color: var(--bg); cursor: pointer; }
`;
