<?php
/**
 * Plugin Name: sales-kpi TEST ONLY: oEmbed from the loopback interface
 * Description: Installed by tests/integrations/wordpress.test.mjs, never shipped. WordPress refuses
 * to fetch oEmbed from loopback hosts; the test serves the calculator's site on 127.0.0.1:8080.
 *
 * @package SalesKpi
 */

add_filter(
	'http_request_host_is_external',
	function ( $external, $host ) {
		return $external || '127.0.0.1' === $host;
	},
	10,
	2
);
