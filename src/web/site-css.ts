/** The stylesheet of every page (kept as a string so the Worker and the build share it). */
export default `:root { --bg: #ffffff; --fg: #1a1c1e; --muted: #50565c; --accent: #0b5cad; --accent-fg: #ffffff; --line: #d9dde1; --code: #f2f4f6; --card: #f7f8fa; --user: #e8f0fb; --field: #767d85; --mark: #fff4c2; --hot: #b0400c; --hl-kw: #a0269d; --hl-str: #1d6b2f; --hl-num: #8a4b00; --hl-com: #5c636a; --hl-title: #0b5cad; --hl-attr: #0a6670; --max: 46rem; color-scheme: light; }
@media (prefers-color-scheme: dark) {
  :root:not([data-theme=light]) { --bg: #15171a; --fg: #e7e9eb; --muted: #a9b0b7; --accent: #7cb7ff; --accent-fg: #0d1117; --line: #30353a; --code: #22262b; --card: #1c1f23; --user: #1d2a3a; --field: #868e96; --mark: #3a3320; --hot: #ff9b6a; --hl-kw: #e59cff; --hl-str: #8fd694; --hl-num: #f2b46b; --hl-com: #9aa3ab; --hl-title: #7cb7ff; --hl-attr: #66d2dc; color-scheme: dark; }
}
:root[data-theme=dark] { --bg: #15171a; --fg: #e7e9eb; --muted: #a9b0b7; --accent: #7cb7ff; --accent-fg: #0d1117; --line: #30353a; --code: #22262b; --card: #1c1f23; --user: #1d2a3a; --field: #868e96; --mark: #3a3320; --hot: #ff9b6a; --hl-kw: #e59cff; --hl-str: #8fd694; --hl-num: #f2b46b; --hl-com: #9aa3ab; --hl-title: #7cb7ff; --hl-attr: #66d2dc; color-scheme: dark; }
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
form.ask input { flex: 1 1 16rem; font: inherit; padding: .5rem .7rem; border: 1px solid var(--field); border-radius: 6px; background: var(--bg); color: var(--fg); }
form.ask button { font: inherit; padding: .5rem 1rem; border: 0; border-radius: 6px; background: var(--accent); color: var(--accent-fg); cursor: pointer; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
main.wide { max-width: 56rem; }
button { font: inherit; border-radius: 6px; border: 1px solid var(--accent); background: var(--accent); color: var(--accent-fg); padding: .45rem .9rem; cursor: pointer; }
a.button { display: inline-block; text-decoration: none; border-radius: 6px; border: 1px solid var(--accent); background: var(--accent); color: var(--accent-fg); padding: .45rem .9rem; }
button.secondary, .theme, a.button.secondary { background: transparent; color: var(--accent); }
.theme { font-size: .9rem; padding: .3rem .7rem; }
html:not(.js) .theme { display: none; }
[tabindex="0"]:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
button:disabled { opacity: .6; cursor: progress; }
.chat { display: flex; flex-direction: column; gap: 1rem; min-height: 70vh; }
.turn, .result-card { scroll-margin-top: .75rem; }
.turn table { overflow-wrap: normal; word-break: normal; }
.turn th, .turn td { min-width: 5.5rem; hyphens: manual; }
.turn .table { overflow-x: auto; }
.result-card:focus { outline: none; }
.result-card:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.badge { display: inline-block; font-size: .78rem; font-weight: 700; text-transform: uppercase; letter-spacing: .04em; padding: .05rem .45rem; border-radius: 999px; vertical-align: .1em; border: 1px solid; }
.badge.high { background: #fde7e7; color: #8c1d18; border-color: #8c1d18; }
.badge.medium { background: #fff1d6; color: #6b4a00; border-color: #6b4a00; }
.badge.low { background: #e3f4e6; color: #1d5c2a; border-color: #1d5c2a; }
.risk-summary { margin: 0 0 .5rem; font-weight: 600; }
.actions { display: flex; flex-wrap: wrap; gap: .5rem; }
.welcome h2 { border: 0; margin-top: .5rem; padding-top: 0; }
.starters { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .5rem; }
.starter { display: inline-block; background: var(--card); color: var(--fg); border: 1px solid var(--field); border-radius: 6px; padding: .45rem .9rem; text-decoration: none; }
.starter:hover { border-color: var(--accent); }
.log { list-style: none; padding: 0; margin: 0; display: flex; flex-direction: column; gap: 1rem; }
.turn { border-radius: 10px; padding: .75rem 1rem; border: 1px solid var(--line); background: var(--card); overflow-wrap: anywhere; }
.turn.user { align-self: flex-end; background: var(--user); max-width: 85%; }
.turn.user p { margin: 0; white-space: pre-wrap; }
.turn.error { border-color: #b3261e; display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1rem; }
.turn.error p { margin: 0; flex: 1 1 16rem; }
.turn.pending { color: var(--muted); display: flex; align-items: center; gap: .6rem; }
.spinner { width: 1rem; height: 1rem; border: 2px solid var(--line); border-top-color: var(--accent); border-radius: 50%; animation: spin .8s linear infinite; }
@keyframes spin { to { transform: rotate(360deg); } }
@media (prefers-reduced-motion: reduce) { .spinner { animation-duration: 2.4s; } }
.turn.queued { opacity: .85; border-style: dashed; }
.turn .note, .vote-note { color: var(--muted); font-size: .85rem; margin: .2rem 0 0; }
.vote[aria-busy=true] { cursor: progress; }
ul.options.links { list-style: none; padding: 0; }
ul.options.links a.option { display: block; padding: .45rem .9rem; border-radius: 6px; text-decoration: none; }
.tools a.button { margin-right: .5rem; }
.turn h2 { font-size: 1.15rem; border: 0; padding: 0; margin: .5rem 0; }
.turn h3 { font-size: 1rem; margin: .8rem 0 .3rem; }
.sources ol { margin: .2rem 0; padding-left: 1.3rem; font-size: .95rem; }
.turn .sources h2 { font-size: 1rem; margin: .8rem 0 .3rem; }
.meta { display: flex; align-items: center; justify-content: space-between; gap: 1rem; color: var(--muted); font-size: .85rem; margin-top: .5rem; }
.feedback { display: flex; gap: .3rem; }
.vote { background: transparent; border: 1px solid var(--field); color: var(--fg); padding: .2rem .5rem; display: inline-flex; align-items: center; }
.vote svg { width: 1.1em; height: 1.1em; fill: currentColor; }
.vote svg.down { transform: rotate(180deg); }
.vote[aria-pressed=true] { border-color: var(--accent); background: var(--user); }
.question-card .progress { color: var(--muted); font-size: .85rem; margin: 0; }
.options { display: flex; flex-direction: column; gap: .4rem; margin: .6rem 0; }
.option { text-align: left; background: var(--bg); color: var(--fg); border: 1px solid var(--field); }
.option:hover, .option:focus-visible { border-color: var(--accent); }
.tools { display: flex; flex-wrap: wrap; gap: .5rem; margin-top: .5rem; }
.composer { background: var(--bg); padding: .5rem 0; border-top: 1px solid var(--line); position: sticky; bottom: 0; z-index: 5; }
.composer label { font-weight: 600; display: block; margin-bottom: .3rem; }
.composer .row { display: flex; gap: .5rem; align-items: stretch; }
.composer textarea { flex: 1; font: inherit; padding: .5rem .7rem; border: 1px solid var(--field); border-radius: 6px; background: var(--bg); color: var(--fg); resize: vertical; min-height: 2.8rem; }
.hint { color: var(--muted); font-size: .8rem; margin: .3rem 0 0; }
.chart { margin: .5rem 0; }
.chart svg { width: 100%; height: auto; max-width: 560px; }
.chart text { font-size: 11px; fill: var(--muted); }
.chart .label { fill: var(--fg); font-size: 12px; }
.chart .axis { stroke: var(--muted); }
.chart .grid { stroke: var(--line); }
.chart .line { fill: none; stroke: var(--accent); stroke-width: 2.5; }
.chart .mark { fill: var(--hot); }
.chart .mark-label { fill: var(--hot); font-weight: 600; }
.chart figcaption { color: var(--muted); font-size: .85rem; }
/* The search box in the header. */
form.search { position: relative; flex: 1 1 14rem; max-width: 24rem; margin-left: auto; }
form.search input { width: 100%; font: inherit; font-size: .95rem; padding: .35rem .7rem; border: 1px solid var(--field); border-radius: 6px; background: var(--bg); color: var(--fg); }
.search-panel { position: absolute; z-index: 30; top: calc(100% + .3rem); right: 0; width: min(34rem, 92vw); max-height: 70vh; overflow-y: auto; background: var(--bg); border: 1px solid var(--line); border-radius: 8px; box-shadow: 0 8px 24px rgba(0, 0, 0, .18); padding: .3rem; }
.search-note { margin: .2rem .5rem; color: var(--muted); font-size: .8rem; }
[role=listbox] a[role=option] { display: block; padding: .4rem .6rem; border-radius: 6px; text-decoration: none; color: var(--fg); }
[role=listbox] a[role=option].sub { padding-left: 1.6rem; font-size: .9rem; }
[role=listbox] a[role=option][aria-selected=true], [role=listbox] a[role=option]:hover { background: var(--user); outline: 2px solid var(--accent); outline-offset: -2px; }
.hit-title { display: block; font-weight: 600; }
.hit-detail { display: block; color: var(--muted); font-size: .85rem; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
a[role=option].ask-fallback { border-top: 1px solid var(--line); margin-top: .3rem; color: var(--accent); }
/* Docs and assistant together. */
.doc-actions { margin: .6rem 0 0; }
a.try { font-size: .85rem; margin-left: .2rem; padding: .05rem .45rem; border: 1px solid var(--accent); border-radius: 4px; text-decoration: none; white-space: nowrap; }
a.try:hover { background: var(--user); }
ul.try-list { list-style: none; background: var(--code); border-radius: 6px; padding: .6rem 1rem; }
ul.try-list li { margin: .2rem 0; }
.about-chip { display: flex; align-items: center; gap: .4rem; margin: 0 0 .4rem; font-size: .9rem; color: var(--muted); }
.about-chip .drop { padding: 0 .5rem; line-height: 1.4; }
section:has(> h2:target) { background: var(--mark); box-shadow: -.6rem 0 0 var(--mark), .6rem 0 0 var(--mark); border-left: 0; }
h3:target, h3:target + p, h3:target + ul { background: var(--mark); }
/* Code: highlighted at build time (highlight.js classes), a copy button, and diagrams. */
.code { position: relative; }
.code .copy { position: absolute; top: .35rem; right: .35rem; font-size: .8rem; padding: .15rem .55rem; background: var(--bg); color: var(--accent); }
.code pre { padding-right: 4.5rem; }
.hljs-keyword, .hljs-built_in, .hljs-selector-tag, .hljs-doctag { color: var(--hl-kw); }
.hljs-string, .hljs-regexp, .hljs-addition { color: var(--hl-str); }
.hljs-number, .hljs-literal, .hljs-symbol, .hljs-bullet { color: var(--hl-num); }
.hljs-comment, .hljs-quote, .hljs-meta { color: var(--hl-com); font-style: italic; }
.hljs-title, .hljs-section, .hljs-function .hljs-title { color: var(--hl-title); }
.hljs-attr, .hljs-attribute, .hljs-property, .hljs-variable, .hljs-template-variable, .hljs-type, .hljs-params { color: var(--hl-attr); }
.diagram-svg .xychart-line { fill: none; stroke-width: 2.5; stroke-linecap: round; stroke-linejoin: round; }
.diagram-svg .xychart-line-shadow { fill: none; stroke-width: 5; stroke-linecap: round; stroke-linejoin: round; opacity: .12; }
.diagram-svg .xychart-dot { stroke: var(--bg); stroke-width: 2; }
.diagram-svg .xychart-bar { stroke-width: 1.5; }
.diagram-svg .xychart-label { fill: var(--muted); }
.diagram-svg .xychart-axis-title { fill: var(--muted); }
.diagram-svg .xychart-title { fill: var(--fg); }
.diagram-svg path.xychart-color-0, .diagram-svg line.xychart-color-0 { stroke: var(--accent); }
.diagram-svg circle.xychart-color-0 { fill: var(--accent); }
.diagram-svg .xychart-bar.xychart-color-0 { stroke: var(--accent); fill: var(--user); }
.diagram-svg path.xychart-color-1, .diagram-svg line.xychart-color-1 { stroke: var(--hot); }
.diagram-svg circle.xychart-color-1 { fill: var(--hot); }
figure.diagram { margin: 1.5rem 0; overflow-x: auto; padding: .5rem 0; }
figure.diagram figcaption { color: var(--muted); font-size: .88rem; margin-top: .4rem; }
.diagram-svg { max-width: 100%; height: auto; display: block; margin: 0 auto; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  --_text: var(--fg); --_text-sec: var(--muted); --_text-muted: var(--muted); --_text-faint: var(--muted);
  --_line: var(--field); --_arrow: var(--fg); --_node-fill: var(--card); --_node-stroke: var(--field);
  --_group-fill: var(--bg); --_group-hdr: var(--code); --_inner-stroke: var(--line); --_key-badge: var(--code); }
/* The book: sidebar, breadcrumbs, on-page contents, previous/next, permalinks. */
.book { display: grid; grid-template-columns: 16rem minmax(0, 1fr); gap: 0 2rem; max-width: 86rem; margin: 0 auto; }
.book main { max-width: 66rem; margin: 0; width: 100%; }
.sidebar { position: sticky; top: 0; align-self: start; max-height: 100vh; overflow-y: auto; padding: 1rem .75rem 2rem 1rem; border-right: 1px solid var(--line); font-size: .92rem; line-height: 1.45; }
.sidebar-title { margin: 0 0 .6rem; font-weight: 700; }
.sidebar-title a { color: var(--fg); text-decoration: none; }
.sidebar details { margin: 0 0 .2rem; }
.sidebar summary { font-weight: 600; cursor: pointer; padding: .3rem 0; }
.sidebar ul { list-style: none; margin: 0 0 .4rem; padding-left: .6rem; }
.sidebar li a { display: block; padding: .18rem .5rem; border-left: 3px solid transparent; text-decoration: none; color: var(--fg); }
.sidebar li a:hover { color: var(--accent); text-decoration: underline; }
.sidebar a[aria-current=page] { background: var(--user); color: var(--accent); font-weight: 600; border-left-color: var(--accent); }
.sidebar .cat > span { display: block; color: var(--muted); font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; margin: .5rem 0 .1rem .5rem; }
.menu { display: none; padding: .3rem .7rem; font-size: .9rem; }
.breadcrumbs ol { list-style: none; display: flex; flex-wrap: wrap; padding: 0; margin: .6rem 0 0; font-size: .88rem; color: var(--muted); }
.breadcrumbs li + li::before { content: "›"; margin: 0 .45rem; }
article.doc { display: grid; grid-template-columns: minmax(0, 1fr) 14rem; column-gap: 2.5rem; }
article.doc > * { grid-column: 1; min-width: 0; }
article.doc > nav.toc { grid-column: 2; grid-row: 1 / span 80; position: sticky; top: 1rem; align-self: start; max-height: calc(100vh - 2rem); overflow-y: auto; border: 0; border-left: 1px solid var(--line); border-radius: 0; margin: 1.2rem 0 0; padding: 0 0 0 1rem; font-size: .88rem; line-height: 1.4; }
nav.toc .toc-h { font-size: .8rem; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); border: 0; margin: .3rem 0; padding: 0; }
nav.toc ol { list-style: none; padding-left: 0; }
nav.toc li { margin: .3rem 0; }
nav.toc a { text-decoration: none; display: block; padding-left: .5rem; border-left: 2px solid transparent; margin-left: calc(-.5rem - 2px); }
nav.toc a:hover { text-decoration: underline; }
nav.toc a[aria-current=location] { font-weight: 700; border-left-color: var(--accent); }
.permalink { margin-left: .35rem; color: var(--muted); text-decoration: none; font-weight: 400; }
.permalink:hover, .permalink:focus-visible { color: var(--accent); text-decoration: underline; }
:target { scroll-margin-top: 1rem; }
nav.pager { display: flex; justify-content: space-between; gap: 1rem; margin: 3rem 0 1rem; flex-wrap: wrap; }
nav.pager a { flex: 1 1 14rem; border: 1px solid var(--line); border-radius: 8px; padding: .6rem 1rem; text-decoration: none; }
nav.pager a:hover { border-color: var(--accent); }
nav.pager a.next { text-align: right; }
nav.pager .dir { display: block; font-size: .8rem; color: var(--muted); }
nav.pager .via { width: 100%; margin: 0; color: var(--muted); font-size: .88rem; }
@media (max-width: 1200px) {
  article.doc { display: block; }
  article.doc > nav.toc { position: static; max-height: none; border: 1px solid var(--line); border-radius: 8px; padding: .5rem 1rem; margin: 1rem 0; }
}
@media (max-width: 760px) {
  .book { display: flex; flex-direction: column; }
  .sidebar { order: 2; position: static; max-height: none; border-right: 0; border-top: 1px solid var(--line); }
  html.js .menu { display: inline-block; }
  html.js .sidebar { display: none; }
  html.js body.drawer-open .sidebar { display: block; position: fixed; z-index: 20; inset: 0 auto 0 0; width: min(22rem, 88vw); max-height: 100vh; background: var(--bg); border-right: 1px solid var(--line); box-shadow: 0 0 0 100vmax rgba(0, 0, 0, .35); }
}
@media (max-width: 600px) {
  body { font-size: 16px; }
  main { padding: .6rem; }
  .turn.user { max-width: 100%; }
  .composer .hint { display: none; }
  /* The chart's 560-unit drawing shrinks to the phone's width (down to about 310 px): larger type keeps it at 11 px or more. */
  .chart text, .chart .label { font-size: 20px; }
  .composer textarea { min-height: 2.6rem; }
  header.site { gap: .5rem .55rem; padding: .5rem .6rem; }
  header.site nav { gap: .6rem; }
  .brand { font-size: .95rem; }
  .menu, .theme { font-size: .82rem; padding: .25rem .5rem; }
  .theme { margin-left: auto; }
  /* On a book page the drawer links the compendium and the brand the chat: one header row. */
  html.js body.has-sidebar header.site nav { display: none; }
  form.search { order: 5; flex-basis: 100%; max-width: none; }
  .search-panel { width: 100%; }
}
`;
