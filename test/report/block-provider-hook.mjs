// Loaded with `node --import`: fails any import of cdktf or the azurerm provider, so a
// process that runs `acrkit check` proves it never loads them.
import { register } from 'node:module';

register(
  'data:text/javascript,' +
    encodeURIComponent(`
export async function resolve(specifier, context, next) {
  if (/^(cdktf|@cdktf\\/provider-azurerm)(\\/|$)/.test(specifier)) {
    throw new Error('acrkit-test: blocked import of ' + specifier + ' from ' + context.parentURL);
  }
  return next(specifier, context);
}
`),
);
