/**
 * Tenants (the institutions that call the API) and their API keys.
 *
 * <p>Owns the {@code tenants} and {@code api_keys} tables and the filter that requires {@code
 * Authorization: Bearer <key>} on every {@code /v1/**} call; the authenticated tenant is put on the
 * request as a {@link org.bonafide.shared.TenantId} under {@link
 * org.bonafide.shared.TenantId#REQUEST_ATTRIBUTE}. On the first start of an empty embedded database
 * it creates a development tenant and prints its key once.
 *
 * <p>Entry points: {@link org.bonafide.tenant.TenantService} (create tenants, issue, check and
 * revoke keys), {@link org.bonafide.tenant.Tenant}, {@link org.bonafide.tenant.IssuedApiKey}.
 */
package org.bonafide.tenant;
