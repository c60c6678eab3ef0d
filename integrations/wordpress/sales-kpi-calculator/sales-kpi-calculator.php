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
 * Text Domain:       sales-kpi-calculator
 * Domain Path:       /languages
 *
 * @package SalesKpi
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

define( 'SALES_KPI_VERSION', '0.1.0' );

/**
 * The widget's attributes, sections and presets: widget-choices.json, which the build writes from
 * the widget's own description (the element's JSDoc, www/widget/sections.js, www/widget/state.js),
 * so that the plugin accepts exactly what the widget reads and shows. Each attribute: its HTML
 * name, its block attribute's name, its values when it has a fixed set, whether it is a boolean;
 * each section: its token, whether it brings the funnel, whether an article shows it up front;
 * each preset: its name, its example funnel's stage names and its own sections.
 *
 * @return array{attributes: array, sections: array, presets: array}
 */
function sales_kpi_choices() {
	static $choices = null;
	if ( null === $choices ) {
		// phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- a local file of this plugin.
		$json    = file_get_contents( __DIR__ . '/widget-choices.json' );
		$choices = is_string( $json ) ? json_decode( $json, true ) : null;
		if ( ! is_array( $choices ) || ! isset( $choices['attributes'], $choices['sections'], $choices['presets'] ) ) {
			$choices = array(
				'attributes' => array(),
				'sections'   => array(),
				'presets'    => array(),
			);
		}
	}
	return $choices;
}

/**
 * The panels a calculator can show, in the widget's order.
 *
 * @return string[]
 */
function sales_kpi_panels() {
	return array_column( sales_kpi_choices()['sections'], 'token' );
}

/**
 * The panels whose results are computed from the funnel: the widget shows the funnel with them.
 *
 * @return string[]
 */
function sales_kpi_funnel_panels() {
	return sales_kpi_panels_with( 'fromFunnel' );
}

/**
 * The sections an article shows up front (their inputs); the others are behind its "More" row.
 *
 * @return string[]
 */
function sales_kpi_lead_panels() {
	return sales_kpi_panels_with( 'lead' );
}

/**
 * The panels whose entry in the widget's section table has a flag set.
 *
 * @param string $flag The flag's name in widget-choices.json ('fromFunnel', 'lead').
 * @return string[]
 */
function sales_kpi_panels_with( $flag ) {
	$panels = array();
	foreach ( sales_kpi_choices()['sections'] as $section ) {
		if ( ! empty( $section[ $flag ] ) ) {
			$panels[] = $section['token'];
		}
	}
	return $panels;
}

/**
 * How many funnel stages each preset's example has, by preset name.
 *
 * @return int[]
 */
function sales_kpi_preset_stages() {
	$stages = array();
	foreach ( sales_kpi_choices()['presets'] as $preset ) {
		$stages[ $preset['name'] ] = count( $preset['stages'] );
	}
	return $stages;
}

/**
 * The widget's attributes that the plugin passes on: HTML attribute name => block attribute name
 * (widget-choices.json). Shortcode attributes use the HTML names (what-if, wasm-url). Not passed
 * on: url-state, which would write a reader's numbers into the post's address.
 *
 * @return string[]
 */
function sales_kpi_attributes() {
	$names = array();
	foreach ( sales_kpi_choices()['attributes'] as $attribute ) {
		if ( 'url-state' !== $attribute['name'] ) {
			$names[ $attribute['name'] ] = $attribute['block'];
		}
	}
	return $names;
}

/**
 * One attribute's description in widget-choices.json.
 *
 * @param string $name The HTML attribute's name.
 * @return array The description; empty for an attribute the widget does not have.
 */
function sales_kpi_attribute( $name ) {
	foreach ( sales_kpi_choices()['attributes'] as $attribute ) {
		if ( $attribute['name'] === $name ) {
			return $attribute;
		}
	}
	return array();
}

/**
 * A boolean attribute's value: on for a bare word in a shortcode ([sales_kpi editable-stages],
 * passed here as "true") or true, 1, yes, on; off for false, 0, no, off; null for anything else.
 * The block's check box gives "1" or nothing.
 *
 * @param string $value The attribute's value.
 * @return bool|null
 */
function sales_kpi_flag( $value ) {
	$value = strtolower( trim( (string) $value ) );
	if ( in_array( $value, array( 'true', '1', 'yes', 'on' ), true ) ) {
		return true;
	}
	return in_array( $value, array( 'false', '0', 'no', 'off' ), true ) ? false : null;
}

/**
 * Registers the widget module, the page script, the block and the shortcode. Nothing is
 * enqueued here: the scripts are enqueued only when a block or shortcode renders, so other pages
 * load nothing.
 */
function sales_kpi_init() {
	load_plugin_textdomain( 'sales-kpi-calculator', false, dirname( plugin_basename( __FILE__ ) ) . '/languages' );
	$src = plugins_url( 'widget/sales-kpi-calculator.js', __FILE__ );
	// A classic script, printed before the module runs: it matches each calculator's colours to
	// the page and says (once, in the console) which settings were left out.
	wp_register_script( 'sales-kpi-calculator-page', plugins_url( 'page.js', __FILE__ ), array(), SALES_KPI_VERSION, true );
	if ( function_exists( 'wp_register_script_module' ) ) {
		// WordPress 6.5 and later print modules themselves.
		wp_register_script_module( 'sales-kpi-calculator', $src, array(), SALES_KPI_VERSION );
	} else {
		wp_register_script( 'sales-kpi-calculator', $src, array(), SALES_KPI_VERSION, true );
	}
	register_block_type( __DIR__ . '/block.json', array( 'render_callback' => 'sales_kpi_render_block' ) );
	// block.json's textdomain makes WordPress look for translations in wp-content/languages only;
	// the plugin ships its own.
	wp_set_script_translations( 'sales-kpi-calculator-editor-script', 'sales-kpi-calculator', __DIR__ . '/languages' );
	// The sidebar offers the widget's own sections and presets, from the same file as the PHP.
	wp_add_inline_script( 'sales-kpi-calculator-editor-script', 'window.salesKpiCalculatorChoices = ' . wp_json_encode( sales_kpi_choices() ) . ';', 'before' );
	add_shortcode( 'sales_kpi', 'sales_kpi_shortcode' );
	// A pasted link to a calculator's setting page (…/e/leads/da-DK/DKK/, as the snippet builder
	// writes it) renders here, from this plugin, instead of as a frame from the other site.
	$presets = implode(
		'|',
		array_map(
			function ( $preset ) {
				return preg_quote( $preset, '#' );
			},
			array_keys( sales_kpi_preset_stages() )
		)
	);
	wp_embed_register_handler(
		'sales-kpi',
		'#^https?://[^/?\#]+/(?:[^?\#]*/)?e/(' . $presets . ')/(auto|[a-z]{2}-[A-Z]{2})/(auto|[A-Z]{3})/?$#',
		'sales_kpi_embed_handler'
	);
}
add_action( 'init', 'sales_kpi_init' );

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

/** Enqueues the page script and the widget module, the first time a calculator renders. */
function sales_kpi_enqueue() {
	wp_enqueue_script( 'sales-kpi-calculator-page' );
	if ( function_exists( 'wp_enqueue_script_module' ) ) {
		wp_enqueue_script_module( 'sales-kpi-calculator' );
	} else {
		wp_enqueue_script( 'sales-kpi-calculator' );
	}
}

/**
 * Height to reserve, so that the text below does not move when the widget renders: the
 * preset's own height for its default panels in a plain article, else the frame plus each chosen
 * panel's height plus what pairs of them add, from the table of the calculator's shape (its
 * layout, with or without editable stages), plus what a heading adds (reserve.json, measured for
 * the preset in a 650 px column). In an article with the funnel only the lead sections' inputs
 * count: the rest is behind its closed "More" row.
 *
 * @param string $preset   A valid preset.
 * @param string $sections A valid sections value ('' for the preset's own panels).
 * @param array  $shape    'layout' ('article' or 'dashboard'), 'editable' (bool), 'heading' (bool).
 * @return int CSS pixels.
 */
function sales_kpi_reserved_height( $preset, $sections, array $shape ) {
	static $table = null;
	if ( null === $table ) {
		// phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- a local file of this plugin.
		$json  = file_get_contents( __DIR__ . '/reserve.json' );
		$table = is_string( $json ) ? json_decode( $json, true ) : array();
		$table = is_array( $table ) ? $table : array();
	}
	if ( ! isset( $table['presets'][ $preset ] ) || ! is_array( $table['presets'][ $preset ] ) ) {
		return 0;
	}
	$row     = $table['presets'][ $preset ];
	$layout  = 'dashboard' === $shape['layout'] ? 'dashboard' : 'article';
	$heading = $shape['heading'] && isset( $row['heading'][ $layout ] ) ? (int) $row['heading'][ $layout ] : 0;
	$words   = sales_kpi_words( $sections );
	if ( array() === $words && 'article' === $layout && ! $shape['editable'] ) {
		return isset( $row['default'] ) ? (int) $row['default'] + $heading : 0;
	}
	$key = $layout . ( $shape['editable'] ? ' editable-stages' : '' );
	if ( ! isset( $row['shapes'][ $key ] ) || ! is_array( $row['shapes'][ $key ] ) ) {
		return 0;
	}
	$measured = $row['shapes'][ $key ];
	if ( array() === $words ) {
		foreach ( sales_kpi_choices()['presets'] as $choice ) {
			$words = $choice['name'] === $preset ? $choice['sections'] : $words;
		}
	}
	$panels = in_array( 'all', $words, true ) ? sales_kpi_panels() : $words;
	// Panels computed from the funnel bring its fields with them, as the widget does.
	if ( array_intersect( $panels, sales_kpi_funnel_panels() ) ) {
		$panels[] = 'funnel';
	}
	$panels = array_values( array_intersect( sales_kpi_panels(), $panels ) );
	// An article with lead sections shows their inputs, every other panel behind "More".
	if ( 'article' === $layout && array_intersect( $panels, sales_kpi_lead_panels() ) ) {
		$panels = array_values( array_intersect( $panels, sales_kpi_lead_panels() ) );
	}
	$height = ( isset( $measured['frame'] ) ? (int) $measured['frame'] : 0 ) + $heading;
	foreach ( $panels as $i => $panel ) {
		$height += isset( $measured['panels'][ $panel ] ) ? (int) $measured['panels'][ $panel ] : 0;
		// What two panels add together: the goal and plan panels say more when there is a target.
		foreach ( array_slice( $panels, $i + 1 ) as $other ) {
			$pair    = $panel . ' ' . $other;
			$height += isset( $measured['pairs'][ $pair ] ) ? (int) $measured['pairs'][ $pair ] : 0;
		}
	}
	return $height;
}

/**
 * Space- or comma-separated words.
 *
 * @param string $text The text.
 * @return string[]
 */
function sales_kpi_words( $text ) {
	return array_values( array_filter( preg_split( '/[\s,;]+/', (string) $text ) ) );
}

/**
 * Whether a value is one the calculator accepts, so that no reader ever sees a note about it.
 * The same rules as the sidebar's (editor.js, `problems`).
 *
 * @param string $name   The HTML attribute's name.
 * @param string $value  Its value (not empty).
 * @param array  $values All the element's values, for what-if (its levers depend on the model).
 * @return bool
 */
function sales_kpi_is_valid( $name, $value, array $values ) {
	switch ( $name ) {
		case 'preset':
			return isset( sales_kpi_preset_stages()[ $value ] );
		case 'locale':
			return 1 === preg_match( '/^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$/', $value );
		case 'currency':
			return 1 === preg_match( '/^[A-Z]{3}$/', $value );
		case 'sections':
			return array() === array_diff( sales_kpi_words( $value ), sales_kpi_panels(), array( 'all' ) );
		case 'model':
			return null !== sales_kpi_stage_count( $value );
		case 'what-if':
			return sales_kpi_valid_what_if( $value, $values );
		case 'wasm-url':
			return '' !== sales_kpi_local_url( $value );
		case 'heading':
			// A title: one line of text (escaped where it is printed, shown as text by the widget).
			return 1 !== preg_match( '/[\x00-\x1F\x7F]/', $value ) && mb_strlen( $value, 'UTF-8' ) <= 200;
	}
	// The others by the widget's own description: one of its values (theme, layout), or on/off.
	$attribute = sales_kpi_attribute( $name );
	if ( isset( $attribute['values'] ) ) {
		return in_array( $value, $attribute['values'], true );
	}
	return ! empty( $attribute['boolean'] ) && null !== sales_kpi_flag( $value );
}

/**
 * The number of funnel stages of a model's JSON, or null when it is not a model: an object with
 * a funnel of plain decimal numbers.
 *
 * @param string $json The model attribute.
 * @return int|null
 */
function sales_kpi_stage_count( $json ) {
	$model = json_decode( $json, true );
	if ( ! is_array( $model ) || ! isset( $model['funnel']['stages'], $model['funnel']['top'], $model['funnel']['dealSize'] ) || ! is_array( $model['funnel']['stages'] ) ) {
		return null;
	}
	$decimal = '/^[0-9]+(\.[0-9]+)?$/';
	if ( ! preg_match( $decimal, (string) $model['funnel']['top'] ) || ! preg_match( $decimal, (string) $model['funnel']['dealSize'] ) ) {
		return null;
	}
	foreach ( $model['funnel']['stages'] as $stage ) {
		if ( ! isset( $stage['rate'] ) || ! preg_match( $decimal, (string) $stage['rate'] ) || (float) $stage['rate'] > 1 ) {
			return null;
		}
	}
	return count( $model['funnel']['stages'] );
}

/**
 * A what-if the widget applies: words such as /funnel/dealSize:+10% or /funnel/stages/0/rate:+1pp
 * on a lever of the funnel being shown.
 *
 * @param string $value  The what-if attribute.
 * @param array  $values All the element's values.
 * @return bool
 */
function sales_kpi_valid_what_if( $value, array $values ) {
	$stages = isset( $values['model'] ) && '' !== $values['model'] ? sales_kpi_stage_count( $values['model'] ) : null;
	if ( null === $stages ) {
		$preset_stages = sales_kpi_preset_stages();
		$preset        = isset( $values['preset'], $preset_stages[ $values['preset'] ] ) ? $values['preset'] : 'inbound';
		$stages        = isset( $preset_stages[ $preset ] ) ? $preset_stages[ $preset ] : 0;
	}
	$words = sales_kpi_words( $value );
	foreach ( $words as $word ) {
		if ( ! preg_match( '#^/funnel/(top|dealSize|stages/([0-9]+)/rate):[+-]?[0-9]+(\.[0-9]+)?(%|pp)$#', $word, $match ) ) {
			return false;
		}
		if ( isset( $match[2] ) && '' !== $match[2] && (int) $match[2] >= $stages ) {
			return false;
		}
	}
	return array() !== $words;
}

/**
 * The element, every attribute escaped. Empty values are left out (the widget's defaults apply).
 * An invalid value reaches the widget, which shows a note about it, only for someone who can
 * edit this content; for readers it is left out (the default applies) and the page script says
 * so once in the console.
 *
 * @param array $values HTML attribute name => string value.
 * @return string
 */
function sales_kpi_element( array $values ) {
	sales_kpi_enqueue();
	$post_id  = get_the_ID();
	$can_edit = $post_id ? current_user_can( 'edit_post', $post_id ) : current_user_can( 'edit_posts' );
	$kept     = array();
	$ignored  = array();
	foreach ( array_keys( sales_kpi_attributes() ) as $name ) {
		if ( ! isset( $values[ $name ] ) || ! is_scalar( $values[ $name ] ) || '' === (string) $values[ $name ] ) {
			continue;
		}
		$value = (string) $values[ $name ];
		if ( 'wasm-url' === $name ) {
			// Never another origin, not even for an editor.
			$value = sales_kpi_local_url( $value );
		}
		$valid = sales_kpi_is_valid( $name, $value, $values );
		$flag  = ! empty( sales_kpi_attribute( $name )['boolean'] ) && $valid ? sales_kpi_flag( $value ) : null;
		if ( false === $flag ) {
			// Off, as the attribute's absence says.
			continue;
		}
		if ( '' !== $value && ( $can_edit || $valid ) ) {
			// A boolean that is on is present without a value, as in HTML.
			$kept[ $name ] = true === $flag ? '' : $value;
		} else {
			$ignored[] = $name;
		}
	}
	$html = '<sales-kpi-calculator';
	foreach ( $kept as $name => $value ) {
		$html .= ' ' . esc_attr( $name ) . '="' . esc_attr( $value ) . '"';
	}
	if ( ! isset( $kept['theme'] ) || ! sales_kpi_is_valid( 'theme', $kept['theme'], $kept ) ) {
		// The page script sets light or dark from the page's own background.
		$html .= ' data-sales-kpi-scheme="page"';
	}
	if ( $ignored ) {
		$html .= ' data-sales-kpi-ignored="' . esc_attr( implode( ' ', $ignored ) ) . '"';
	}
	$preset   = isset( $kept['preset'], sales_kpi_preset_stages()[ $kept['preset'] ] ) ? $kept['preset'] : 'inbound';
	$sections = isset( $kept['sections'] ) && sales_kpi_is_valid( 'sections', $kept['sections'], $kept ) ? $kept['sections'] : '';
	$shape    = array(
		'layout'   => isset( $kept['layout'] ) ? $kept['layout'] : 'article',
		'editable' => isset( $kept['editable-stages'] ),
		'heading'  => isset( $kept['heading'] ),
	);
	$height   = sales_kpi_reserved_height( $preset, $sections, $shape );
	$html    .= ' style="display:block' . ( $height > 0 ? ';min-height:' . esc_attr( (string) $height ) . 'px' : '' ) . '"></sales-kpi-calculator>';
	// Without scripting nothing will fill the reservation: the style lets the note follow the text.
	$html .= '<noscript><style>sales-kpi-calculator{min-height:0!important}</style><p>' . esc_html__( 'This calculator needs JavaScript and WebAssembly.', 'sales-kpi-calculator' ) . '</p></noscript>';
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
 * raw JSON would end the shortcode. A value that does not decode is passed on unchanged (and is
 * then invalid).
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
	foreach ( array_keys( $defaults ) as $name ) {
		// Also what_if, wasm_url, editable_stages: some editors change hyphens in shortcode attributes.
		$alias = str_replace( '-', '_', $name );
		if ( isset( $atts[ $alias ] ) && ! isset( $atts[ $name ] ) ) {
			$atts[ $name ] = $atts[ $alias ];
		}
		if ( ! empty( sales_kpi_attribute( $name )['boolean'] ) ) {
			// A boolean written bare ([sales_kpi editable-stages]) is a value without a name, or
			// written as in HTML (editable-stages=""), an empty one: both mean on.
			$bare = array_intersect( array( $name, $alias ), array_filter( $atts, 'is_int', ARRAY_FILTER_USE_KEY ) );
			if ( $bare || ( isset( $atts[ $name ] ) && '' === $atts[ $name ] ) ) {
				$atts[ $name ] = 'true';
			}
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
	return '<div ' . get_block_wrapper_attributes() . '>' . sales_kpi_element( $values ) . '</div>';
}
