/**
 * Integration definitions and their validation, field schemas, sealed credentials, the real
 * credential test, and {@link dev.hollerith.integrations.control.PullRequestTemplate}, the upstream
 * request that the test and the pull engine share.
 */
package dev.hollerith.integrations.control;
