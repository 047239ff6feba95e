"""Simulated FreeBSD base-system commands for drover's testbed.

Every command is a small script in ../bin that keeps per-host state as JSON under the state directory
($FAKEBSD_STATE, default /var/db/fakebsd; each simulated host sees its own /var through a mount namespace).
Output, error text and exit status follow ../../../../shared/freebsd/FORMATS.md and its samples.
"""
