<?php
/**
 * Dependencies of editor.js (plain JavaScript, no build step), read by register_block_type().
 *
 * @package SalesKpi
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

return array(
	'dependencies' => array( 'wp-blocks', 'wp-element', 'wp-block-editor', 'wp-components', 'wp-i18n', 'wp-data', 'sales-kpi-calculator-page' ),
	'version'      => '0.1.0',
);
