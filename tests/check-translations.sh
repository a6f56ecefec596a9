#!/bin/sh
# check-translations.sh SOURCE-ROOT: every file that holds messages is in
# po/POTFILES.in, and each language of po/LINGUAS translates every message
# of the sources as they are now, none fuzzy (TAP, one test per check).
set -u
top=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$top" || exit 1

n=0
status=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); echo "not ok $n - $1"; status=1; }

# files with messages: C marks them with _(), N_() or C_(), .ui files with translatable="yes"
grep -rlE '\b(N_|C_|_)\(|translatable="yes"' src ui --include=*.c --include=*.ui | sort > "$work/marked"
sort po/POTFILES.in | sed '/^$/d' > "$work/listed"
missing=$(comm -23 "$work/marked" "$work/listed")
if [ -z "$missing" ]; then
  ok "every file with messages is in po/POTFILES.in"
else
  not_ok "every file with messages is in po/POTFILES.in"
  echo "$missing" | sed 's/^/# not listed: /'
fi
gone=$(while read -r f; do [ -e "$f" ] || echo "$f"; done < "$work/listed")
if [ -z "$gone" ]; then
  ok "every file po/POTFILES.in lists exists"
else
  not_ok "every file po/POTFILES.in lists exists"
  echo "$gone" | sed 's/^/# no such file: /'
fi

# the template of the sources as they are, with the keywords of the build's
# (meson's "glib" preset)
xgettext --files-from=po/POTFILES.in --directory="$top" --output="$work/messages.pot" \
  --from-code=UTF-8 --add-comments --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 2> "$work/xgettext.log" ||
  { not_ok "xgettext reads po/POTFILES.in"; sed 's/^/# /' "$work/xgettext.log"; echo "1..$n"; exit 1; }

for lang in $(sed 's/#.*//' po/LINGUAS); do
  msgmerge --quiet --no-fuzzy-matching "po/$lang.po" "$work/messages.pot" -o "$work/$lang.po"
  stats=$(msgfmt --check --statistics -o /dev/null "$work/$lang.po" 2>&1)
  case $stats in
    *untranslated*|*fuzzy*|*error*) not_ok "po/$lang.po translates every message"; echo "# $stats" ;;
    *) ok "po/$lang.po translates every message ($stats)" ;;
  esac
done
echo "1..$n"
exit $status
