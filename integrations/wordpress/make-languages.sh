#!/usr/bin/env bash
# The plugin's translations, made from its .po files (the translations themselves, NL and DA):
#   languages/sales-kpi-calculator-<locale>.mo       for the PHP (msgfmt, Debian's gettext)
#   languages/sales-kpi-calculator-<locale>-sales-kpi-calculator-editor-script.json
#                                                    for the editor script (wp_set_script_translations
#                                                    finds it by the script's handle), written by
#                                                    WordPress's own PO reader (wp-includes/pomo)
# It first checks that every string of editor.js and the PHP has a translation in each .po.
#
#   bash integrations/wordpress/make-languages.sh [out-dir]    default: the plugin's languages/
#
# Needs gettext and Debian's wordpress package (scripts/wordpress.sh installs both). The results
# are committed; the WordPress test runs this into a temporary folder and compares.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
PLUGIN=$HERE/sales-kpi-calculator
OUT=${1:-$PLUGIN/languages}
POMO=/usr/share/wordpress/wp-includes/pomo/po.php
HANDLE=sales-kpi-calculator-editor-script
mkdir -p "$OUT"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

xgettext --from-code=UTF-8 --language=JavaScript --keyword=__ -o "$work/js.pot" "$PLUGIN/editor.js"
xgettext --from-code=UTF-8 --language=PHP --keyword=__ --keyword=esc_html__ --keyword=esc_attr__ -o "$work/php.pot" "$PLUGIN/sales-kpi-calculator.php"
msgcat -o "$work/all.pot" "$work/js.pot" "$work/php.pot"

for po in "$PLUGIN"/languages/sales-kpi-calculator-*.po; do
  locale=$(basename "$po" .po)
  locale=${locale#sales-kpi-calculator-}
  # Every source string translated, none left over.
  msgcmp --use-untranslated "$po" "$work/all.pot"
  untranslated=$(msgattrib --untranslated --no-obsolete "$po" | grep -c '^msgid ' || true)
  [ "$untranslated" = 0 ] || { echo "$po: $untranslated strings untranslated" >&2; exit 1; }
  msgfmt --check -o "$OUT/sales-kpi-calculator-$locale.mo" "$po"
  # Only the editor script's strings go into its JSON (Jed 1.x, as WordPress's own files).
  msgmerge --quiet --no-fuzzy-matching -o "$work/merged-$locale.po" "$po" "$work/js.pot"
  msgattrib --no-obsolete -o "$work/js-$locale.po" "$work/merged-$locale.po"
  php -d display_errors=stderr -r '
    set_error_handler(function ($level, $message) { fwrite(STDERR, "$message\n"); exit(1); }, E_WARNING | E_NOTICE);
    require $argv[1];
    $po = new PO();
    $po->import_from_file($argv[2]);
    $messages = array("" => array("domain" => "messages", "lang" => $argv[3], "plural-forms" => $po->get_header("Plural-Forms")));
    foreach ($po->entries as $entry) {
      if ("" !== $entry->singular) $messages[$entry->singular] = $entry->translations;
    }
    ksort($messages);
    $json = array("domain" => "messages", "locale_data" => array("messages" => $messages));
    file_put_contents($argv[4], json_encode($json, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PRETTY_PRINT) . "\n");
  ' "$POMO" "$work/js-$locale.po" "$locale" "$OUT/sales-kpi-calculator-$locale-$HANDLE.json"
done
echo "[languages] written to $OUT"
