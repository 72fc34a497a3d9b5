/**
 * The GitHub REST operations the action calls, as `METHOD /path-template` exactly as GitHub's OpenAPI
 * description names them. The fake forge validates requests to these against their published schemas,
 * from the trimmed description scripts/trim-openapi.ts generates (simulator/github-openapi.trimmed.json);
 * a request to any other documented operation is a violation that names this list. Adding a call is one
 * line here and `npm run openapi:trim`.
 */
export const GITHUB_ENDPOINTS = [
  // The superseded gate: the branch head and its relation to this commit.
  'GET /repos/{owner}/{repo}/branches/{branch}',
  'GET /repos/{owner}/{repo}/compare/{basehead}',
  'GET /repos/{owner}/{repo}/commits',
  'GET /repos/{owner}/{repo}/commits/{ref}',
  // Telling a misconfiguration from an outage at the first gate: is api-url the API, can the token see the repository?
  'GET /',
  'GET /repos/{owner}/{repo}',
  // Reports: commit statuses and check runs, and reading them back (reconcile's deploy records).
  'POST /repos/{owner}/{repo}/statuses/{sha}',
  'GET /repos/{owner}/{repo}/commits/{ref}/statuses',
  'GET /repos/{owner}/{repo}/commits/{ref}/status',
  'POST /repos/{owner}/{repo}/check-runs',
  'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}',
  'GET /repos/{owner}/{repo}/commits/{ref}/check-runs',
  // Deployments and their statuses.
  'POST /repos/{owner}/{repo}/deployments',
  'GET /repos/{owner}/{repo}/deployments',
  'GET /repos/{owner}/{repo}/deployments/{deployment_id}',
  'POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
  'GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
  // Pull request comments (`pr-comment: true`): the pull requests of the deployed commit, and one comment
  // per environment on each, found again by its hidden marker and edited in place.
  'GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls',
  'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
  'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
  'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}'
] as const
