/** The site's icon: a "C" on the accent colour, lighter in a dark browser theme. */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><style>rect{fill:#0b5cad}path{stroke:#fff}@media (prefers-color-scheme:dark){rect{fill:#7cb7ff}path{stroke:#0d1117}}</style><rect width="32" height="32" rx="7"/><path d="M22.5 10.2A8.5 8.5 0 1 0 22.5 21.8" fill="none" stroke-width="4" stroke-linecap="round"/></svg>
`;
