#!/usr/bin/env bash
# Records what real Ansible does with every conformance case into cases/NAME/expected.json.
# Usage: record.sh [NAME...]   (no name: every case). Needs ansible-playbook and python3; CI does not run this.
set -u
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/cases" || exit 1
names=("$@")
[ ${#names[@]} -eq 0 ] && names=($(ls))
for name in "${names[@]}"; do
  d="$here/cases/$name"
  args=(-i hosts.ini)
  [ -f "$d/extra_vars.json" ] && args+=(-e @extra_vars.json)
  if [ -f "$d/args.txt" ]; then
    while IFS= read -r a; do [ -n "$a" ] && args+=("$a"); done < "$d/args.txt"
  fi
  args+=(site.yml)
  out=$(cd "$d" && env -i PATH=/usr/bin:/bin HOME="$HOME" LANG=C.UTF-8 \
      ANSIBLE_CONFIG="$here/ansible.cfg" ANSIBLE_STDOUT_CALLBACK=json ANSIBLE_NOCOLOR=1 ANSIBLE_RETRY_FILES_ENABLED=0 \
      ANSIBLE_LOCALHOST_WARNING=0 ANSIBLE_INVENTORY_UNPARSED_WARNING=0 ANSIBLE_PYTHON_INTERPRETER=auto_silent \
      ANSIBLE_DEPRECATION_WARNINGS=0 ANSIBLE_FORKS=5 \
      ansible-playbook "${args[@]}" 2>"$d/.stderr")
  rc=$?
  printf '%s' "$out" | python3 "$here/normalize.py" "$rc" > "$d/expected.json"
  rm -f "$d/.stderr"
  echo "$name: exit $rc"
done
