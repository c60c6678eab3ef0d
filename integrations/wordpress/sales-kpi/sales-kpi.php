<?php
/**
 * Plugin Name:       Sales KPI Calculator
 * Description:       An exact sales-KPI what-if calculator (funnel, target, velocity, unit economics) for posts and pages: a block and the [sales_kpi] shortcode. Runs in the reader's browser from this plugin's own folder; no other server is contacted and nothing is stored.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * Author:            sales-kpi
 * License:           MIT
 * License URI:       https://opensource.org/licenses/MIT
 * Text Domain:       sales-kpi
 *
 * @package SalesKpi
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

define( 'SALES_KPI_VERSION', '0.1.0' );

/**
 * The widget's attributes: HTML attribute name => block attribute name. Shortcode attributes use
 * the HTML names (what-if, wasm-url). The widget validates every value itself and shows a note for
 * an invalid one, so the plugin only escapes.
 */
function sales_kpi_attributes() {
	return array(
		'preset'   => 'preset',
		'locale'   => 'locale',
		'currency' => 'currency',
		'sections' => 'sections',
		'theme'    => 'theme',
		'what-if'  => 'whatIf',
		'model'    => 'model',
		'wasm-url' => 'wasmUrl',
	);
}

/**
 * Registers the widget module, the block and the shortcode. Nothing is enqueued here: the module
 * is enqueued only when a block or shortcode renders, so other pages load nothing.
 */
function sales_kpi_init() {
	$src = plugins_url( 'widget/sales-kpi-calculator.js', __FILE__ );
	if ( function_exists( 'wp_register_script_module' ) ) {
		// WordPress 6.5 and later print modules themselves.
		wp_register_script_module( 'sales-kpi-calculator', $src, array(), SALES_KPI_VERSION );
	} else {
		wp_register_script( 'sales-kpi-calculator', $src, array(), SALES_KPI_VERSION, true );
	}
	register_block_type( __DIR__ . '/block.json', array( 'render_callback' => 'sales_kpi_render_block' ) );
	add_shortcode( 'sales_kpi', 'sales_kpi_shortcode' );
	// A pasted link to a calculator's setting page (…/e/leads/da-DK/DKK/, as the snippet builder
	// writes it) renders here, from this plugin, instead of as a frame from the other site.
	wp_embed_register_handler(
		'sales-kpi',
		'#^https?://[^/?\#]+/(?:[^?\#]*/)?e/(inbound|outbound|leads|unit-economics)/(auto|[a-z]{2}-[A-Z]{2})/(auto|[A-Z]{3})/?$#',
		'sales_kpi_embed_handler'
	);
}

/**
 * Renders a pasted setting link in the page.
 *
 * @param array $matches The handler's regular expression matches: preset, locale, currency.
 * @return string
 */
function sales_kpi_embed_handler( $matches ) {
	$values = array( 'preset' => $matches[1] );
	if ( 'auto' !== $matches[2] ) {
		$values['locale'] = $matches[2];
	}
	if ( 'auto' !== $matches[3] ) {
		$values['currency'] = $matches[3];
	}
	return sales_kpi_element( $values );
}
add_action( 'init', 'sales_kpi_init' );

/**
 * Before WordPress 6.5 there is no script-module API: print the registered script as a module.
 *
 * @param string $tag    The <script> tag WordPress built.
 * @param string $handle The script's handle.
 * @param string $src    The script's URL.
 * @return string
 */
function sales_kpi_module_tag( $tag, $handle, $src ) {
	if ( 'sales-kpi-calculator' !== $handle ) {
		return $tag;
	}
	// phpcs:ignore WordPress.WP.EnqueuedResources.NonEnqueuedScript -- this is the enqueued script's own tag.
	return '<script type="module" src="' . esc_url( $src ) . '" id="sales-kpi-calculator-js"></script>' . "\n";
}
add_filter( 'script_loader_tag', 'sales_kpi_module_tag', 10, 3 );

/** Enqueues the widget module, the first time a calculator renders on the page. */
function sales_kpi_enqueue() {
	if ( function_exists( 'wp_enqueue_script_module' ) ) {
		wp_enqueue_script_module( 'sales-kpi-calculator' );
	} else {
		wp_enqueue_script( 'sales-kpi-calculator' );
	}
}

/**
 * Height to reserve for a preset, so that the text below does not move when the widget renders.
 * An inline style, because a classic theme prints styles enqueued during the content in the
 * footer, after the widget.
 *
 * @param string $preset The preset attribute.
 * @return int CSS pixels.
 */
function sales_kpi_reserved_height( $preset ) {
	static $table = null;
	if ( null === $table ) {
		// phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- a local file of this plugin.
		$json  = file_get_contents( __DIR__ . '/reserve.json' );
		$table = is_string( $json ) ? json_decode( $json, true ) : array();
		$table = is_array( $table ) ? $table : array();
	}
	return isset( $table[ $preset ] ) && is_int( $table[ $preset ] ) ? $table[ $preset ] : 0;
}

/**
 * The element, every attribute escaped. Empty values are left out (the widget's defaults apply).
 *
 * @param array $values HTML attribute name => string value.
 * @return string
 */
function sales_kpi_element( array $values ) {
	sales_kpi_enqueue();
	$html = '<sales-kpi-calculator';
	foreach ( sales_kpi_attributes() as $name => $unused ) {
		if ( isset( $values[ $name ] ) && is_scalar( $values[ $name ] ) && '' !== (string) $values[ $name ] ) {
			$value = (string) $values[ $name ];
			if ( 'wasm-url' === $name ) {
				$value = sales_kpi_local_url( $value );
				if ( '' === $value ) {
					continue;
				}
			}
			$html .= ' ' . $name . '="' . esc_attr( $value ) . '"';
		}
	}
	$preset   = isset( $values['preset'] ) && '' !== $values['preset'] ? (string) $values['preset'] : 'inbound';
	$sections = isset( $values['sections'] ) ? (string) $values['sections'] : '';
	// The table holds the preset's default panels; other panels may make it shorter, and a
	// reservation that outlasts the render would leave a gap, so none is made for them.
	$height = ( '' === $sections || preg_match( '/\ball\b/', $sections ) ) ? sales_kpi_reserved_height( $preset ) : 0;
	$html  .= ' style="display:block' . ( $height > 0 ? ';min-height:' . esc_attr( (string) $height ) . 'px' : '' ) . '"></sales-kpi-calculator>';
	$html  .= '<noscript><p>' . esc_html__( 'This calculator needs JavaScript and WebAssembly.', 'sales-kpi' ) . '</p></noscript>';
	return $html;
}

/**
 * A wasm-url is honoured only on this site (no request to another origin): a path, or a URL on
 * the site's own host. Anything else is dropped and the plugin's own .wasm is used.
 *
 * @param string $url The attribute's value.
 * @return string The URL to use, or '' for none.
 */
function sales_kpi_local_url( $url ) {
	if ( preg_match( '#^/(?!/)#', $url ) ) {
		return $url;
	}
	$host = wp_parse_url( home_url(), PHP_URL_HOST );
	$got  = wp_parse_url( $url );
	if ( is_array( $got ) && isset( $got['scheme'], $got['host'] ) && in_array( strtolower( $got['scheme'] ), array( 'http', 'https' ), true ) && strtolower( $got['host'] ) === strtolower( (string) $host ) ) {
		return $url;
	}
	return '';
}

/**
 * The shortcode's model is base64url of the contract JSON (no padding needed), because a `]` in
 * raw JSON would end the shortcode. A value that does not decode is passed on unchanged, so the
 * widget tells the author what is wrong with it.
 *
 * @param string $encoded The model attribute.
 * @return string JSON text.
 */
function sales_kpi_decode_model( $encoded ) {
	if ( ! preg_match( '/^[A-Za-z0-9_-]+={0,2}$/', $encoded ) ) {
		return $encoded;
	}
	// phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_decode -- a documented, visible encoding of a JSON text.
	$json = base64_decode( strtr( $encoded, '-_', '+/' ), true );
	return ( false === $json || ! wp_check_invalid_utf8( $json ) ) ? $encoded : $json;
}

/**
 * [sales_kpi preset="leads" locale="da-DK" currency="DKK" what-if="/funnel/dealSize:+10%"]
 *
 * @param array|string $atts Shortcode attributes.
 * @return string
 */
function sales_kpi_shortcode( $atts ) {
	$atts     = is_array( $atts ) ? $atts : array();
	$defaults = array_fill_keys( array_keys( sales_kpi_attributes() ), '' );
	// Also what_if, wasm_url: some editors change hyphens in shortcode attributes.
	foreach ( array( 'what_if' => 'what-if', 'wasm_url' => 'wasm-url' ) as $alias => $name ) {
		if ( isset( $atts[ $alias ] ) && ! isset( $atts[ $name ] ) ) {
			$atts[ $name ] = $atts[ $alias ];
		}
	}
	$values = shortcode_atts( $defaults, $atts, 'sales_kpi' );
	if ( '' !== $values['model'] ) {
		$values['model'] = sales_kpi_decode_model( $values['model'] );
	}
	return sales_kpi_element( $values );
}

/**
 * Server-side render of the block sales-kpi/calculator.
 *
 * @param array $attributes Block attributes (camelCase).
 * @return string
 */
function sales_kpi_render_block( $attributes ) {
	$values = array();
	foreach ( sales_kpi_attributes() as $name => $block_name ) {
		if ( 'wasm-url' !== $name && isset( $attributes[ $block_name ] ) && is_scalar( $attributes[ $block_name ] ) ) {
			$values[ $name ] = (string) $attributes[ $block_name ];
		}
	}
	$wrapper = function_exists( 'get_block_wrapper_attributes' ) ? get_block_wrapper_attributes() : '';
	return '<div ' . $wrapper . '>' . sales_kpi_element( $values ) . '</div>';
}
