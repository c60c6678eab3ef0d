<?php
/**
 * Drives the test WordPress (scripts/wordpress.sh) from the command line, the way its own admin
 * screens would. Prints one JSON object.
 *
 *   php fixture.php install <plugin.zip>     Upload Plugin: Plugin_Upgrader installs the zip, then activate
 *   php fixture.php post <author|admin> <title> <content-file>
 *                                             wp_insert_post as that user (kses applies for the Author)
 *   php fixture.php mu-plugin <file|none>     installs (or removes) the test-only mu-plugin
 *   php fixture.php activate|deactivate       the plugin
 *   php fixture.php theme <stylesheet>        switches the theme
 *
 * @package SalesKpi
 */

$_SERVER['HTTP_HOST']   = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_NAME'] = '127.0.0.1';
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/admin.php';
require_once ABSPATH . 'wp-admin/includes/class-wp-upgrader.php';

$command = $argv[1] ?? '';
$out     = array();

if ( 'install' === $command ) {
	// The same path as Plugins → Add New → Upload Plugin (wp-admin/update.php?action=upload-plugin),
	// as an administrator; a plugin that is there already is deleted first, so the zip is what runs.
	wp_set_current_user( get_user_by( 'login', 'admin' )->ID );
	$main = 'sales-kpi/sales-kpi.php';
	if ( file_exists( WP_PLUGIN_DIR . '/sales-kpi' ) ) {
		deactivate_plugins( $main, true );
		$deleted = delete_plugins( array( $main ) );
		if ( true !== $deleted ) {
			fwrite( STDERR, "could not delete the old plugin\n" );
			exit( 1 );
		}
	}
	$upgrader = new Plugin_Upgrader( new Automatic_Upgrader_Skin() );
	$result   = $upgrader->install( $argv[2] );
	if ( true !== $result ) {
		fwrite( STDERR, 'install failed: ' . print_r( is_wp_error( $result ) ? $result->get_error_messages() : $upgrader->skin->get_upgrade_messages(), true ) . "\n" );
		exit( 1 );
	}
	$activated = activate_plugin( $main );
	if ( is_wp_error( $activated ) ) {
		fwrite( STDERR, 'activation failed: ' . $activated->get_error_message() . "\n" );
		exit( 1 );
	}
	$data = get_plugin_data( WP_PLUGIN_DIR . '/' . $main, false, false );
	$out  = array(
		'plugin'  => $upgrader->plugin_info(),
		'version' => $data['Version'],
		'active'  => is_plugin_active( $main ),
		'files'   => array_values( array_diff( scandir( WP_PLUGIN_DIR . '/sales-kpi' ), array( '.', '..' ) ) ),
	);
} elseif ( 'post' === $command ) {
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
} elseif ( 'activate' === $command || 'deactivate' === $command ) {
	wp_set_current_user( get_user_by( 'login', 'admin' )->ID );
	if ( 'activate' === $command ) {
		activate_plugin( 'sales-kpi/sales-kpi.php' );
	} else {
		deactivate_plugins( 'sales-kpi/sales-kpi.php' );
	}
	$out = array( 'active' => is_plugin_active( 'sales-kpi/sales-kpi.php' ) );
} elseif ( 'theme' === $command ) {
	switch_theme( $argv[2] );
	$out = array( 'theme' => get_stylesheet() );
} else {
	fwrite( STDERR, "usage: php fixture.php install|post|mu-plugin|activate|deactivate|theme ...\n" );
	exit( 2 );
}
echo wp_json_encode( $out ), "\n";
