package org.drover.runlock;

import java.time.Duration;
import java.util.regex.Pattern;
import org.drover.transport.Sh;

/**
 * The two scripts of the run lock, for {@code /bin/sh} with base commands only (FreeBSD and Linux alike).
 *
 * <p>Taking: {@code mkdir} of {@value #DIR} either creates it (the lock is ours: the {@code holder} file is written
 * into it) or fails (someone holds it). The script waits on the host, polling once a second, so waiting costs one
 * round trip however long it lasts. A lock is stale, and is broken, when its anchor process is gone (the holder's
 * per-connection {@code sshd}, or {@code sshd-session} since OpenSSH 9.8, found up the script's parent chain: it
 * lives exactly as long as the holder's SSH connection; the script runs as the login user, never through become, so
 * only shells stand in between) or when it is older than the bound. Without an sshd in the chain (another SSH
 * server) only the age bound applies. Breaking renames the directory
 * away (atomic: of two runs breaking the same lock, one wins) and checks that what it moved is what it judged.
 *
 * <p>Why {@code /tmp}: every login user can create a directory there (non-root logins need the lock too), all users
 * see it, and its sticky bit lets only the owner (or root) remove it.
 */
public final class LockScript {
    /** The lock directory: one per host, whoever logs in. */
    public static final String DIR = "/tmp/drover-run.lock";
    /** Exit status: the lock is held by a live run and the wait ran out. */
    public static final int BUSY = 75;
    /** Exit status: a stale lock could not be removed (another login user's, without root). */
    public static final int STUCK = 76;
    /** A run id: what goes into file names on the host. */
    public static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    /**
     * The taking run.
     *
     * @param runId      {@link RunIds#create()}: letters, digits, '_' and '-'
     * @param controller the controller's host name
     * @param user       the local user on the controller
     * @param pid        the controller's process id
     */
    public record Me(String runId, String controller, String user, long pid) {
        public Me {
            if (!RUN_ID.matcher(runId).matches()) {
                throw new IllegalArgumentException("invalid run id: " + runId);
            }
            controller = Holder.printable(controller);
            user = Holder.printable(user);
        }
    }

    private LockScript() {}

    /**
     * Takes the lock, waiting up to {@code wait} for a live holder. Prints {@code acquired} (then, when it broke a
     * stale lock, {@code broke=REASON} and the old holder's lines); {@code busy} and the holder's lines (exit
     * {@value #BUSY}); or {@code stuck=REASON} and the holder's lines (exit {@value #STUCK}).
     *
     * @param anchor the process bound to this run's session when the caller knows it (a local connection: the
     *               controller itself), or -1 to look for the per-connection sshd
     */
    public static String take(Me me, Duration wait, Duration maxAge, long anchor) {
        return take(me, wait, maxAge, anchor, DIR);
    }

    /** As above, with the lock elsewhere (tests on the controller). */
    static String take(Me me, Duration wait, Duration maxAge, long anchor, String dir) {
        return "d=" + Sh.quote(dir) + "; run=" + Sh.quote(me.runId()) + "; wait=" + wait.toSeconds()
                + "; maxage=" + maxAge.toSeconds() + "; anchor=" + (anchor > 0 ? Long.toString(anchor) : "") + "\n"
                + "mine() {\n"
                + "  echo run=$run; echo controller=" + Sh.quote(me.controller())
                + "; echo user=" + Sh.quote(me.user()) + "; echo pid=" + me.pid() + "\n"
                + "  echo since=$(date +%s); echo anchor=$anchor; echo comm=$acomm; echo login=$(id -un)\n"
                + "}\n"
                + TAKE;
    }

    /** Removes the lock if this run holds it; prints nothing. */
    public static String release(String runId) {
        return release(runId, DIR);
    }

    static String release(String runId, String dir) {
        return "d=" + Sh.quote(dir) + "\n"
                + "if [ \"$(sed -n 's/^run=//p' \"$d/holder\" 2>/dev/null)\" = " + Sh.quote(runId) + " ]; then "
                + "rm -rf \"$d\"; fi\n";
    }

    // comm() prints a process's command name without blanks; alive() says whether the recorded anchor still runs
    // (ps first, as it also tells a reused pid; kill -0 when ps cannot see other users' processes).
    private static final String TAKE = """
            comm() { ps -o comm= -p "$1" 2>/dev/null | tr -d ' '; }
            alive() {
              c=$(comm "$1")
              if [ -n "$c" ]; then [ -z "$2" ] || [ "$c" = "$2" ]; return; fi
              m=$(kill -0 "$1" 2>&1) && return 0
              case $m in *ermitted*) return 0;; esac
              return 1
            }
            if [ -z "$anchor" ]; then
              p=$PPID
              while [ "$p" -gt 1 ] 2>/dev/null; do
                set -- $(ps -o ppid= -o comm= -p "$p" 2>/dev/null)
                [ $# -ge 2 ] || break
                case $2 in sshd|sshd-session) anchor=$p; break;; esac
                p=$1
              done
            fi
            acomm=; [ -z "$anchor" ] || acomm=$(comm "$anchor")
            end=$(( $(date +%s) + wait )); empty=0; broke=
            while :; do
              if mkdir "$d" 2>/dev/null; then
                chmod 755 "$d"; mine > "$d/holder"; chmod 644 "$d/holder"
                echo acquired
                [ -z "$broke" ] || printf '%s\\n' "$broke"
                exit 0
              fi
              h=$(cat "$d/holder" 2>/dev/null); stale=
              # this run already holds it (two inventory names for one machine)
              if [ "$(printf '%s\\n' "$h" | sed -n 's/^run=//p')" = "$run" ]; then echo acquired; exit 0; fi
              if [ -z "$h" ]; then
                # being written right now (or its writer died between mkdir and the write)
                empty=$((empty + 1)); [ $empty -lt 50 ] || stale="it has no holder file"
                [ -n "$stale" ] || { sleep 0.1 2>/dev/null || sleep 1; continue; }
              else
                empty=0
                ha=$(printf '%s\\n' "$h" | sed -n 's/^anchor=//p'); hc=$(printf '%s\\n' "$h" | sed -n 's/^comm=//p')
                hs=$(printf '%s\\n' "$h" | sed -n 's/^since=//p')
                case $ha in ''|*[!0-9]*) ha=;; esac
                case $hs in ''|*[!0-9]*) hs=0;; esac
                if [ -n "$ha" ] && ! alive "$ha" "$hc"; then stale="its SSH session on the host (pid $ha) is gone"
                elif [ $(( $(date +%s) - hs )) -gt "$maxage" ]; then stale="it is older than $maxage s"
                fi
              fi
              if [ -n "$stale" ]; then
                t="$d.stale.$$"
                if mv "$d" "$t" 2>/dev/null; then
                  if [ "$(cat "$t/holder" 2>/dev/null)" = "$h" ]; then
                    rm -rf "$t"; broke="broke=$stale
            $h"
                  else
                    [ -e "$d" ] || mv "$t" "$d" 2>/dev/null
                  fi
                  continue
                fi
                if [ -d "$d" ]; then
                  echo "stuck=$stale, but $(id -un) cannot remove $d"; printf '%s\\n' "$h"; exit 76
                fi
                continue
              fi
              if [ "$(date +%s)" -ge "$end" ]; then echo busy; printf '%s\\n' "$h"; exit 75; fi
              sleep 1
            done
            """;
}
