#!/usr/bin/env bash
# Lays out the C++ sources with clang-format 14 and the root .clang-format.
#   scripts/format.sh                 rewrite every C++ source in place (server/, models/, app/,
#                                     ui/, tests/, bench/, fuzz/)
#   scripts/format.sh --check         change nothing: name each file that is not laid out as
#                                     .clang-format says, with the lines that would change, and
#                                     exit 1 if there is one (ctest -R format_check runs this)
#   scripts/format.sh [--check] PATH  only these files or folders
# clang-format-14 comes with scripts/install-deps.sh. Another version lays out some lines
# otherwise, so it is refused rather than used.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

check=0
if [ "${1:-}" = "--check" ]; then
  check=1
  shift
fi
paths=("$@")
if [ ${#paths[@]} -eq 0 ]; then
  paths=(server models app ui tests bench fuzz)
fi

tool=""
for candidate in clang-format-14 clang-format; do
  if command -v "$candidate" >/dev/null 2>&1 \
      && "$candidate" --version | grep -q 'version 14\.'; then
    tool=$candidate
    break
  fi
done
if [ -z "$tool" ]; then
  echo "format.sh: clang-format 14 is missing (scripts/install-deps.sh installs clang-format-14)" >&2
  exit 2
fi

# The files git knows (tracked, or new and not ignored); every file in a tree without git.
files=()
if git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  while IFS= read -r f; do
    [ -f "$f" ] && files+=("$f")
  done < <(git ls-files --cached --others --exclude-standard -- "${paths[@]}" \
             | grep -E '\.(cpp|h)$' | sort -u)
else
  while IFS= read -r f; do
    files+=("$f")
  done < <(find "${paths[@]}" -type f \( -name '*.cpp' -o -name '*.h' \) | sort)
fi
if [ ${#files[@]} -eq 0 ]; then
  echo "format.sh: no C++ files under ${paths[*]}" >&2
  exit 2
fi

if [ $check -eq 0 ]; then
  "$tool" --style=file -i "${files[@]}"
  echo "format.sh: ${#files[@]} files laid out"
  exit 0
fi

bad=0
lines=0
for f in "${files[@]}"; do
  # Lines removed plus lines added, as diff counts them.
  n=$("$tool" --style=file "$f" | diff "$f" - | grep -c '^[<>]' || true)
  if [ "$n" -gt 0 ]; then
    echo "$f: $n lines would change"
    bad=$((bad + 1))
    lines=$((lines + n))
  fi
done
if [ $bad -gt 0 ]; then
  echo "format.sh: $bad of ${#files[@]} files not laid out as .clang-format says ($lines lines" \
       "would change); run scripts/format.sh"
  exit 1
fi
echo "format.sh: ${#files[@]} files laid out as .clang-format says"
