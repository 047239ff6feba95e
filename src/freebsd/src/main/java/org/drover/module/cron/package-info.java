/** {@code cron}: a user's crontab, edited as Ansible's cron module edits it. */
package org.drover.module.cron;
