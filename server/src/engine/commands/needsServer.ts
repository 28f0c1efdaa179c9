// Commands the local engine cannot run because their answer depends on something only a Splunk
// server has (knowledge as data: command → what it needs). The run stops with a reason that names
// the command and what it needs, instead of a bare "not supported".
const NEEDS_SERVER: Readonly<Record<string, string>> = {
  mstats: 'a metrics index (sample logs hold events, not metric data points)',
  mcatalog: 'a metrics index (sample logs hold events, not metric data points)',
  mpreview: 'a metrics index (sample logs hold events, not metric data points)',
  apply: 'a model trained by the Machine Learning Toolkit (MLTK) on that server',
  fit: 'the Machine Learning Toolkit (MLTK) app',
  summary: 'a model trained by the Machine Learning Toolkit (MLTK) on that server',
  score: 'the Machine Learning Toolkit (MLTK) app',
};

/** Why `name` needs a Splunk server, or undefined when it does not. */
export function needsSplunkServer(name: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(NEEDS_SERVER, name) ? NEEDS_SERVER[name] : undefined;
}
