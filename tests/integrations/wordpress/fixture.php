<?php
/**
 * Drives the test WordPress (scripts/wordpress.sh) from the command line, the way its own admin
 * screens would, run as the web server's user (www-data) so that what it writes is the web
 * server's too. Prints one JSON object.
 *
 *   php fixture.php post <author|admin> <title> <content-file>
 *                                             wp_insert_post as that user (kses applies for the Author)
 *   php fixture.php mu-plugin <file|none>     installs (or removes) the test-only mu-plugin
 *   php fixture.php remove|status|activate|deactivate   the plugin
 *   php fixture.php theme <stylesheet>        switches the theme
 *   php fixture.php locale <user> <locale|none>   the user's own language (Profile → Language)
 *   php fixture.php block <post-id>           the post's calculator blocks as parsed: [attributes]
 *   php fixture.php translate <locale> <text> the plugin's PHP translation of a text in a locale
 *
 * @package SalesKpi
 */

$_SERVER['HTTP_HOST']   = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_NAME'] = '127.0.0.1';
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/admin.php';

$command = $argv[1] ?? '';
$out     = array();

if ( 'post' === $command ) {
	$user = get_user_by( 'login', $argv[2] );
	wp_set_current_user( $user->ID );
	// What the editor's save does for a user without unfiltered_html: kses on the content.
	kses_init();
	$content = file_get_contents( $argv[4] );
	$id      = wp_insert_post(
		array(
			'post_title'   => $argv[3],
			// wp_insert_post() unslashes its input, as it comes from a form.
			'post_content' => wp_slash( $content ),
			'post_status'  => 'publish',
			'post_author'  => $user->ID,
		),
		true
	);
	if ( is_wp_error( $id ) ) {
		fwrite( STDERR, $id->get_error_message() . "\n" );
		exit( 1 );
	}
	$out = array(
		'id'       => $id,
		'url'      => get_permalink( $id ),
		'stored'   => get_post_field( 'post_content', $id, 'raw' ),
		'filtered' => ! current_user_can( 'unfiltered_html' ),
	);
} elseif ( 'mu-plugin' === $command ) {
	$dir    = WP_CONTENT_DIR . '/mu-plugins';
	$target = $dir . '/sales-kpi-test-only.php';
	if ( 'none' === $argv[2] ) {
		if ( file_exists( $target ) ) {
			unlink( $target );
		}
	} else {
		wp_mkdir_p( $dir );
		copy( $argv[2], $target );
	}
	$out = array( 'installed' => file_exists( $target ) );
} elseif ( 'remove' === $command ) {
	// Before the upload form installs it afresh.
	wp_set_current_user( get_user_by( 'login', 'admin' )->ID );
	// The plugin's folder before it was named by its directory slug, on a machine tested before.
	if ( file_exists( WP_PLUGIN_DIR . '/sales-kpi/sales-kpi.php' ) ) {
		deactivate_plugins( 'sales-kpi/sales-kpi.php', true );
		delete_plugins( array( 'sales-kpi/sales-kpi.php' ) );
	}
	if ( file_exists( WP_PLUGIN_DIR . '/sales-kpi-calculator' ) ) {
		deactivate_plugins( 'sales-kpi-calculator/sales-kpi-calculator.php', true );
		delete_plugins( array( 'sales-kpi-calculator/sales-kpi-calculator.php' ) );
	}
	$out = array( 'present' => file_exists( WP_PLUGIN_DIR . '/sales-kpi-calculator' ) );
} elseif ( 'status' === $command ) {
	$main = WP_PLUGIN_DIR . '/sales-kpi-calculator/sales-kpi-calculator.php';
	$out  = array(
		'active'  => is_plugin_active( 'sales-kpi-calculator/sales-kpi-calculator.php' ),
		'version' => file_exists( $main ) ? get_plugin_data( $main, false, false )['Version'] : null,
		'files'   => file_exists( $main ) ? array_values( array_diff( scandir( WP_PLUGIN_DIR . '/sales-kpi-calculator' ), array( '.', '..' ) ) ) : array(),
	);
} elseif ( 'activate' === $command || 'deactivate' === $command ) {
	wp_set_current_user( get_user_by( 'login', 'admin' )->ID );
	if ( 'activate' === $command ) {
		activate_plugin( 'sales-kpi-calculator/sales-kpi-calculator.php' );
	} else {
		deactivate_plugins( 'sales-kpi-calculator/sales-kpi-calculator.php' );
	}
	$out = array( 'active' => is_plugin_active( 'sales-kpi-calculator/sales-kpi-calculator.php' ) );
} elseif ( 'theme' === $command ) {
	switch_theme( $argv[2] );
	$out = array( 'theme' => get_stylesheet() );
} elseif ( 'locale' === $command ) {
	$user = get_user_by( 'login', $argv[2] );
	update_user_meta( $user->ID, 'locale', 'none' === $argv[3] ? '' : $argv[3] );
	$out = array( 'locale' => get_user_meta( $user->ID, 'locale', true ) );
} elseif ( 'block' === $command ) {
	$blocks = array_values( array_filter( parse_blocks( get_post_field( 'post_content', (int) $argv[2], 'raw' ) ), function ( $block ) {
		return 'sales-kpi/calculator' === $block['blockName'];
	} ) );
	$out = array_map( function ( $block ) {
		return (object) $block['attrs'];
	}, $blocks );
} elseif ( 'translate' === $command ) {
	// As on a site in that language (switch_to_locale needs WordPress's own files for it, which
	// this test site does not have; the plugin brings its own).
	add_filter(
		'plugin_locale',
		function () use ( $argv ) {
			return $argv[2];
		}
	);
	// What the plugin's init does, again, now in that locale.
	unload_textdomain( 'sales-kpi-calculator' );
	load_plugin_textdomain( 'sales-kpi-calculator', false, 'sales-kpi-calculator/languages' );
	// phpcs:ignore WordPress.WP.I18n -- the text under test.
	$out = array( 'text' => __( $argv[3], 'sales-kpi-calculator' ) );
} else {
	fwrite( STDERR, "usage: php fixture.php post|mu-plugin|remove|status|activate|deactivate|theme|locale|block|translate ...\n" );
	exit( 2 );
}
echo wp_json_encode( $out ), "\n";
