// How Vertex AI authenticates and fails: a bearer token (or API key) is
// required; the project in the path must be the emulator's (by id or number)
// and the route's permission not refused, else 403 PERMISSION_DENIED.
import type { ApiDialect } from '../shared/route.ts';
import { credentialOf } from './credentials.ts';
import { internalError, invalidArgument, invalidCredentials, missingCredentials, notFound, permissionDenied, resourceExhausted } from './errors.ts';
import type { ResolvedVertexOptions } from './options.ts';

/** The resource a permission is checked on: the path without version and verb, collections reduced to their parent. */
function resourceOf(path: string): string {
  return path
    .replace(/^\/v1(beta1)?\//, '')
    .replace(/:[A-Za-z]+$/, '')
    .replace(/\/tuningJobs$/, '');
}

export function vertexDialect(options: ResolvedVertexOptions): ApiDialect {
  return {
    authenticate(req, route) {
      const credential = credentialOf(req.headers, req.query);
      if (!credential) throw missingCredentials();
      if (options.rejectCredential !== undefined && credential.value === options.rejectCredential) throw invalidCredentials();
      const { project } = req.params;
      if (project === undefined || !route.permission) return;
      const own = project === options.project || project === options.projectNumber;
      if (!own || options.deniedPermissions.includes(route.permission)) throw permissionDenied(route.permission, resourceOf(req.path));
    },
    rateLimited: resourceExhausted,
    serverError: internalError,
    notFound: (_method, path) => notFound(`The requested URL ${path} was not found on this server.`),
    invalidJson: (detail) => invalidArgument(`Invalid JSON payload received. ${detail}`),
  };
}
