<?php
/**
 * The WordPress plugin directory's code rules that WordPress's own coding standard (WPCS, not
 * installable here) would check, read from PHP's own tokens (token_get_all):
 *
 *   abspath   every file stops when loaded outside WordPress (the ABSPATH guard comes first)
 *   prefix    every global name (function, constant, class, global variable) starts with the prefix
 *   remote    no request to another server (wp_remote_*, curl, sockets, file reads of URLs)
 *   input     every read of $_GET, $_POST, … is sanitised in the same expression
 *   escape    every echo/print is escaped, and so is every value put into HTML that is built
 *             in a string (concatenation with a literal holding "<" or "=\"")
 *
 *   php check-plugin.php <plugin-folder> [prefix]     prints findings; exit 1 when there are any
 *
 * @package SalesKpi
 */

if ( PHP_SAPI !== 'cli' ) {
	exit( 1 );
}

$sales_kpi_findings = array();
// Functions of the plugin whose every return is safe in HTML (found by a first pass).
$sales_kpi_html_functions = array();
$sales_kpi_prefix   = isset( $argv[2] ) ? $argv[2] : 'sales_kpi';

/** Calls whose result is safe in HTML: WordPress's escaping, and markup WordPress made itself. */
const SALES_KPI_ESCAPING = '/^(esc_(html|attr|url|js|textarea|xml)(__|_e|_x)?|wp_kses(_post|_data)?|get_block_wrapper_attributes|absint|intval|wp_json_encode)$/';
/** Calls that reach another server, or read whatever a URL points at. */
const SALES_KPI_REMOTE = '/^(wp_(safe_)?remote_\w+|download_url|curl_\w+|fsockopen|pfsockopen|stream_socket_client|socket_connect|wp_oembed_get|fetch_feed|get_headers)$/';
/** Reads that accept a URL: only this plugin's files (an argument starting with __DIR__). */
const SALES_KPI_FILE_READS = '/^(file_get_contents|fopen|file|readfile|simplexml_load_file|parse_ini_file)$/';

/**
 * The meaningful tokens of a file (no whitespace or comments), each as [type, text, line].
 *
 * @param string $file A PHP file.
 * @return array
 */
function sales_kpi_tokens( $file ) {
	$tokens = array();
	$line   = 1;
	foreach ( token_get_all( file_get_contents( $file ) ) as $token ) {
		if ( is_array( $token ) ) {
			$line = $token[2];
			if ( in_array( $token[0], array( T_WHITESPACE, T_COMMENT, T_DOC_COMMENT ), true ) ) {
				continue;
			}
			$tokens[] = array( $token[0], $token[1], $line );
		} else {
			$tokens[] = array( null, $token, $line );
		}
	}
	return $tokens;
}

/**
 * Notes a finding.
 *
 * @param string $file The file.
 * @param int    $line The line.
 * @param string $rule The rule's name.
 * @param string $text What is wrong.
 */
function sales_kpi_find( $file, $line, $rule, $text ) {
	global $sales_kpi_findings;
	$sales_kpi_findings[] = sprintf( '%s:%d [%s] %s', $file, $line, $rule, $text );
}

/**
 * Whether the tokens from $at to $end (exclusive) are a value safe in HTML: string literals,
 * numbers, escaping calls and variables known to hold escaped HTML, joined by "."; a
 * parenthesised ternary is safe when both its branches are.
 *
 * @param array $tokens The file's tokens.
 * @param int   $at     First token.
 * @param int   $end    After the last token.
 * @param array $safe   Names of variables that hold escaped HTML.
 * @return string '' when safe, else the first unsafe operand.
 */
function sales_kpi_unsafe_part( array $tokens, $at, $end, array $safe ) {
	// Split at "." and at a ternary's "?" and ":" on depth 0; the condition of a ternary is not output.
	$parts = array( array() );
	$depth = 0;
	for ( $i = $at; $i < $end; $i++ ) {
		$text = $tokens[ $i ][1];
		if ( '(' === $text || '[' === $text ) {
			++$depth;
		} elseif ( ')' === $text || ']' === $text ) {
			--$depth;
		}
		if ( 0 === $depth && '?' === $text ) {
			$parts = array( array() );
			continue;
		}
		if ( 0 === $depth && ( '.' === $text || ':' === $text ) ) {
			$parts[] = array();
			continue;
		}
		$parts[ count( $parts ) - 1 ][] = $i;
	}
	foreach ( $parts as $part ) {
		if ( array() === $part ) {
			continue;
		}
		$first = $tokens[ $part[0] ];
		$last  = $tokens[ end( $part ) ];
		if ( 1 === count( $part ) && in_array( $first[0], array( T_CONSTANT_ENCAPSED_STRING, T_LNUMBER, T_DNUMBER ), true ) ) {
			continue;
		}
		if ( 1 === count( $part ) && T_VARIABLE === $first[0] && in_array( $first[1], $safe, true ) ) {
			continue;
		}
		if ( T_STRING === $first[0] && '(' === $tokens[ $part[0] + 1 ][1] && ')' === $last[1] && ( preg_match( SALES_KPI_ESCAPING, $first[1] ) || in_array( $first[1], $GLOBALS['sales_kpi_html_functions'], true ) ) ) {
			continue;
		}
		if ( T_STRING === $first[0] && in_array( $first[1], array( 'PHP_EOL' ), true ) ) {
			continue;
		}
		if ( '(' === $first[1] && ')' === $last[1] ) {
			$inner = sales_kpi_unsafe_part( $tokens, $part[0] + 1, end( $part ), $safe );
			if ( '' === $inner ) {
				continue;
			}
			return $inner;
		}
		return implode( '', array_map( function ( $index ) use ( $tokens ) {
			return $tokens[ $index ][1];
		}, $part ) );
	}
	return '';
}

/**
 * Index of the ";" that ends the statement starting at $at.
 *
 * @param array $tokens The file's tokens.
 * @param int   $at     A token in the statement.
 * @return int
 */
function sales_kpi_statement_end( array $tokens, $at ) {
	$depth = 0;
	for ( $i = $at; $i < count( $tokens ); $i++ ) {
		$text = $tokens[ $i ][1];
		if ( '(' === $text || '[' === $text || '{' === $text ) {
			++$depth;
		} elseif ( ')' === $text || ']' === $text || '}' === $text ) {
			--$depth;
		} elseif ( ';' === $text && $depth <= 0 ) {
			return $i;
		}
	}
	return count( $tokens );
}

/**
 * Checks one file.
 *
 * @param string $file   A PHP file of the plugin.
 * @param string $name   Its path, as reported.
 * @param string $prefix The plugin's prefix.
 */
function sales_kpi_check_file( $file, $name, $prefix ) {
	$tokens = sales_kpi_tokens( $file );
	$count  = count( $tokens );

	// abspath: <?php, then if ( ! defined( 'ABSPATH' ) ) { exit; } before anything else runs.
	$guard = array_map(
		function ( $token ) {
			return $token[1];
		},
		array_slice( $tokens, 1, 12 )
	);
	if ( "if ( ! defined ( 'ABSPATH' ) ) { exit ; }" !== implode( ' ', $guard ) && "if ( ! defined ( 'ABSPATH' ) ) { exit ( ) ; }" !== implode( ' ', array_slice( $guard, 0, 12 ) ) ) {
		sales_kpi_find( $name, 1, 'abspath', 'the file does not start with if ( ! defined( \'ABSPATH\' ) ) { exit; }' );
	}

	$depth    = 0;
	$safe     = array();
	$function = '';
	$returns  = array();
	for ( $i = 0; $i < $count; $i++ ) {
		list( $type, $text, $line ) = $tokens[ $i ];
		if ( '{' === $text || T_CURLY_OPEN === $type || T_DOLLAR_OPEN_CURLY_BRACES === $type ) {
			++$depth;
		} elseif ( '}' === $text ) {
			--$depth;
		}
		$next     = isset( $tokens[ $i + 1 ] ) ? $tokens[ $i + 1 ] : array( null, '', $line );
		$previous = $i > 0 ? $tokens[ $i - 1 ] : array( null, '', $line );

		if ( T_FUNCTION === $type && T_STRING === $next[0] && 0 === $depth ) {
			$function             = $next[1];
			$returns[ $function ] = true;
			$safe                 = array();
		}

		// prefix: named functions, classes and constants at file level; define(); globals.
		if ( in_array( $type, array( T_FUNCTION, T_CLASS, T_INTERFACE, T_TRAIT ), true ) && T_STRING === $next[0] && 0 === $depth && stripos( $next[1], $prefix ) !== 0 ) {
			sales_kpi_find( $name, $line, 'prefix', "{$next[1]} does not start with {$prefix}" );
		}
		if ( T_CONST === $type && 0 === $depth && stripos( $next[1], $prefix ) !== 0 ) {
			sales_kpi_find( $name, $line, 'prefix', "constant {$next[1]} does not start with " . strtoupper( $prefix ) );
		}
		if ( T_STRING === $type && 'define' === strtolower( $text ) && '(' === $next[1] && T_OBJECT_OPERATOR !== $previous[0] ) {
			$constant = trim( $tokens[ $i + 2 ][1], '\'"' );
			if ( stripos( $constant, $prefix ) !== 0 ) {
				sales_kpi_find( $name, $line, 'prefix', "constant {$constant} does not start with " . strtoupper( $prefix ) );
			}
		}
		if ( T_VARIABLE === $type && 0 === $depth && '$this' !== $text && stripos( ltrim( $text, '$' ), $prefix ) !== 0 && '=' === $next[1] ) {
			sales_kpi_find( $name, $line, 'prefix', "global variable {$text} does not start with \${$prefix}" );
		}
		if ( T_GLOBAL === $type ) {
			for ( $j = $i + 1; $j < $count && ';' !== $tokens[ $j ][1]; $j++ ) {
				if ( T_VARIABLE === $tokens[ $j ][0] && stripos( ltrim( $tokens[ $j ][1], '$' ), $prefix ) !== 0 ) {
					sales_kpi_find( $name, $line, 'prefix', "global {$tokens[ $j ][1]} does not start with \${$prefix}" );
				}
			}
		}

		// remote: calls that reach another server; file reads other than this plugin's files.
		$is_call = T_STRING === $type && '(' === $next[1] && ! in_array( $previous[0], array( T_FUNCTION, T_OBJECT_OPERATOR, T_DOUBLE_COLON ), true );
		if ( $is_call && preg_match( SALES_KPI_REMOTE, $text ) ) {
			sales_kpi_find( $name, $line, 'remote', "{$text}() reaches another server" );
		}
		if ( $is_call && preg_match( SALES_KPI_FILE_READS, $text ) && ! ( isset( $tokens[ $i + 2 ] ) && T_DIR === $tokens[ $i + 2 ][0] ) ) {
			sales_kpi_find( $name, $line, 'remote', "{$text}() of something other than this plugin's own files (__DIR__ . …)" );
		}
		if ( T_NEW === $type && preg_match( '/^WP_Http/i', $next[1] ) ) {
			sales_kpi_find( $name, $line, 'remote', 'new WP_Http reaches another server' );
		}

		// input: a superglobal read only inside sanitize_*( wp_unslash( … ) ) or absint( … ).
		if ( T_VARIABLE === $type && preg_match( '/^\$_(GET|POST|REQUEST|COOKIE|SERVER|FILES|ENV)$/', $text ) && '$_SERVER' !== $text ) {
			$wrapped = $i >= 4 && '(' === $tokens[ $i - 1 ][1] && ( preg_match( '/^(absint|intval)$/', $tokens[ $i - 2 ][1] ) || ( 'wp_unslash' === $tokens[ $i - 2 ][1] && preg_match( '/^sanitize_\w+$/', $tokens[ $i - 4 ][1] ) ) );
			$checked = in_array( $tokens[ $i - 2 ][1], array( 'isset', 'empty' ), true );
			if ( ! $wrapped && ! $checked ) {
				sales_kpi_find( $name, $line, 'input', "{$text} is read without sanitize_*( wp_unslash( … ) )" );
			}
		}

		// escape: echo, print and <?= take only escaped values.
		if ( in_array( $type, array( T_ECHO, T_PRINT, T_OPEN_TAG_WITH_ECHO ), true ) ) {
			$end    = sales_kpi_statement_end( $tokens, $i );
			$unsafe = sales_kpi_unsafe_part( $tokens, $i + 1, $end, array() );
			if ( '' !== $unsafe ) {
				sales_kpi_find( $name, $line, 'escape', "{$text} outputs {$unsafe} unescaped" );
			}
		}
		if ( T_INLINE_HTML === $type && $i > 0 ) {
			sales_kpi_find( $name, $line, 'escape', 'HTML outside PHP (use escaped strings)' );
		}
		// escape: a value built into HTML (an assignment or return whose literals hold markup).
		$assigns = T_VARIABLE === $type && ( '=' === $next[1] || T_CONCAT_EQUAL === $next[0] ) && 0 < $depth;
		if ( $assigns || T_RETURN === $type ) {
			$start = $assigns ? $i + 2 : $i + 1;
			$end   = sales_kpi_statement_end( $tokens, $start );
			$html  = false;
			for ( $j = $start; $j < $end; $j++ ) {
				if ( T_CONSTANT_ENCAPSED_STRING === $tokens[ $j ][0] && preg_match( '/<[a-z\/!]|="/i', $tokens[ $j ][1] ) ) {
					$html = true;
				}
				if ( T_ENCAPSED_AND_WHITESPACE === $tokens[ $j ][0] && preg_match( '/<[a-z\/!]|="/i', $tokens[ $j ][1] ) ) {
					sales_kpi_find( $name, $tokens[ $j ][2], 'escape', 'a variable inside a double-quoted HTML string cannot be escaped' );
				}
			}
			$value_safe = '' === sales_kpi_unsafe_part( $tokens, $start, $end, $safe );
			if ( T_RETURN === $type && '' !== $function && ! $value_safe ) {
				$returns[ $function ] = false;
			}
			if ( $assigns && $value_safe && ( $html || T_CONCAT_EQUAL !== $next[0] ) && ( $html || preg_match( SALES_KPI_ESCAPING, $tokens[ $start ][1] ) || in_array( $tokens[ $start ][1], $safe, true ) ) ) {
				// Holds escaped HTML from here on (names are per file: a finding's cue, not a proof).
				$safe[] = $text;
			}
			if ( $html && ! $value_safe ) {
				$unsafe = sales_kpi_unsafe_part( $tokens, $start, $end, $safe );
				sales_kpi_find( $name, $line, 'escape', "{$unsafe} is put into HTML unescaped" );
			}
			if ( ! $html && $assigns && T_CONCAT_EQUAL === $next[0] && in_array( $text, $safe, true ) && ! $value_safe ) {
				$unsafe = sales_kpi_unsafe_part( $tokens, $start, $end, $safe );
				sales_kpi_find( $name, $line, 'escape', "{$unsafe} is appended to HTML in {$text} unescaped" );
			}
		}
	}
	return array_keys( array_filter( $returns ) );
}

$sales_kpi_root  = rtrim( $argv[1], '/' );
$sales_kpi_files = new RecursiveIteratorIterator( new RecursiveDirectoryIterator( $sales_kpi_root, FilesystemIterator::SKIP_DOTS ) );
$sales_kpi_count = 0;
// First pass: which functions return only safe values (until nothing new is learnt), findings dropped.
do {
	$sales_kpi_known = count( $sales_kpi_html_functions );
	foreach ( $sales_kpi_files as $sales_kpi_file ) {
		if ( 'php' === $sales_kpi_file->getExtension() ) {
			$sales_kpi_html_functions = array_unique( array_merge( $sales_kpi_html_functions, sales_kpi_check_file( $sales_kpi_file->getPathname(), '', $sales_kpi_prefix ) ) );
		}
	}
} while ( count( $sales_kpi_html_functions ) > $sales_kpi_known );
$sales_kpi_findings = array();
foreach ( $sales_kpi_files as $sales_kpi_file ) {
	if ( 'php' === $sales_kpi_file->getExtension() ) {
		++$sales_kpi_count;
		sales_kpi_check_file( $sales_kpi_file->getPathname(), substr( $sales_kpi_file->getPathname(), strlen( $sales_kpi_root ) + 1 ), $sales_kpi_prefix );
	}
}
foreach ( $sales_kpi_findings as $sales_kpi_finding ) {
	fwrite( STDOUT, $sales_kpi_finding . "\n" );
}
fwrite( STDOUT, sprintf( "check-plugin: %d PHP files, %d findings\n", $sales_kpi_count, count( $sales_kpi_findings ) ) );
exit( $sales_kpi_findings ? 1 : 0 );
