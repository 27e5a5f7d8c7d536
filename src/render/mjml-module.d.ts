// mjml 5 ships no types; only its default export (mjml2html), as the worker imports it, is declared.
declare module 'mjml' {
  const mjml2html: (
    source: string,
    options: Record<string, unknown>,
  ) => Promise<{ html: string; errors?: { formattedMessage?: string; message?: string }[] }>;
  export default mjml2html;
}
