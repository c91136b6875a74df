declare module 'saxon-js' {
  type TransformOptions = {
    stylesheetInternal: unknown;
    destination: 'serialized';
  } & ({ sourceText: string } | { initialTemplate: string; stylesheetParams: Record<string, unknown> });
  const SaxonJS: {
    transform(options: TransformOptions, mode: 'sync'): { principalResult: string };
  };
  export default SaxonJS;
}
