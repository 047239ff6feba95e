/** {@code get_url}: a download on the host with FreeBSD's fetch(1), idempotent by checksum. */
package org.drover.module.geturl;
