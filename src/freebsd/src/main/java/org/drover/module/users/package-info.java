/** Accounts: {@code user} and {@code group} through FreeBSD's pw, and {@code authorized_key}. */
package org.drover.module.users;
