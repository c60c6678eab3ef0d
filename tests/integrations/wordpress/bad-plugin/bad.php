<?php
/**
 * Everything the directory rules forbid, once each, for the checkers' own test: check-plugin.php
 * and phpcs must report every line marked below (tests/integrations/wordpress.test.mjs).
 *
 * @package SalesKpi
 */

$settings = get_option( 'x' );                                     // prefix (global variable), abspath (no guard)
define( 'OTHER_VERSION', '1' );                                    // prefix (constant)

/** Unprefixed, remote, unsanitised, unescaped. */
function other_render() {
	$page = wp_remote_get( 'https://example.com/' );               // remote
	$id   = $_GET['id'];                                            // input
	echo $id;                                                       // escape (echo)
	$html = '<p class="' . $id . '">';                              // escape (HTML string)
	return $html . eval( 'return 1;' );                             // phpcs: Squiz.PHP.Eval
}
