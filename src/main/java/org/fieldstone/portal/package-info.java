/**
 * The customer portal: single-use share links to a sent quote or invoice ({@link org.fieldstone.portal.ShareLinks}),
 * the landing page whose button exchanges a link once for a portal session scoped to that one document, and the
 * portal's pages ({@code /p/…}) where the customer approves, declines or asks for changes to a quote and views and
 * pays an invoice. Tokens are 24 characters from a CSPRNG over 62 symbols and are stored only as SHA-256 hashes: in the
 * company's database with the link, and in the control plane's index from hash to company (the URL names no
 * company). Messaging emails the links ({@link org.fieldstone.portal.PortalEvents}); payments take the card.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "tenancy", "audit", "clients", "quotes",
        "invoices", "pricing", "payments", "identity", "web", "jobs"})
package org.fieldstone.portal;
