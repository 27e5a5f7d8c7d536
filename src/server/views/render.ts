import { Eta } from 'eta';
import { PaperpostError } from '../../domain/errors.js';
import { TEMPLATES } from './templates.js';

/** Named page templates, compiled once. */
export interface Views {
  render(name: string, data: object): string;
}

/** Compile the site's templates with auto-escaping on. */
export function createViews(): Views {
  const eta = new Eta({ autoEscape: true, cache: true, autoTrim: [false, 'nl'] });
  for (const [name, source] of Object.entries(TEMPLATES)) eta.loadTemplate(name, source);
  return {
    render(name, data) {
      try {
        return eta.render(name, data);
      } catch (err) {
        throw new PaperpostError('server', 'view-failed', `view ${name} failed`, { cause: err });
      }
    },
  };
}
