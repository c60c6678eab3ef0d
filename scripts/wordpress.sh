#!/usr/bin/env bash
# A real WordPress for the integration tests (tests/integrations/wordpress.test.mjs): Debian's
# wordpress package behind Apache with mod_php, on MariaDB, on 127.0.0.1 only.
#
#   bash scripts/wordpress.sh         install what is missing, start the services, install WordPress once
#   bash scripts/wordpress.sh stop    stop the services that this script started (by their PIDs);
#                                     ones that were running before it are left alone
#
# Idempotent: the second run only checks that both services answer (about a second). The first run
# on a machine without the packages spends most of its time in apt-get.
# Site: http://127.0.0.1/ ; users admin/admin-pass (administrator), author/author-pass (author).
# These passwords are for a throw-away test site on the loopback interface only.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

SITE_HOST=127.0.0.1
WP=/usr/share/wordpress
CONFIG=/etc/wordpress/config-$SITE_HOST.php
PACKAGES=(wordpress apache2 libapache2-mod-php php-mysql mariadb-server
  wordpress-theme-twentytwentythree wordpress-theme-twentytwentyone
  php-codesniffer gettext)

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo -n "$@"; else
    echo "wordpress: need root (or sudo) to run: $*" >&2; return 1; fi
}
say() { echo "[wordpress] $*"; }

# Which services this script started, so that `stop` ends those and nothing else.
STARTED=/run/sales-kpi-wordpress.started
APACHE_PID=/run/apache2/apache2.pid
MARIADB_PID=/run/mysqld/mysqld.pid
started() { echo "$1" | as_root tee -a "$STARTED" >/dev/null; }

if [ "${1:-}" = stop ]; then
  [ -f "$STARTED" ] || { say "nothing to stop (no service was started by this script)"; exit 0; }
  for service in $(as_root cat "$STARTED"); do
    pidfile=$APACHE_PID
    [ "$service" = mariadb ] && pidfile=$MARIADB_PID
    pid=$(as_root cat "$pidfile" 2>/dev/null || true)
    if [ -n "$pid" ] && as_root kill -0 "$pid" 2>/dev/null; then
      say "stopping $service (PID $pid)"
      as_root kill -TERM "$pid"
      for _ in $(seq 1 100); do as_root kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
  done
  as_root rm -f "$STARTED"
  exit 0
fi

missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  as_root apt-get update -qq
  # No service may start on 0.0.0.0 during the install: policy-rc.d holds them back (unless the
  # machine has its own policy already, which is left alone).
  own_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee /usr/sbin/policy-rc.d >/dev/null
    as_root chmod +x /usr/sbin/policy-rc.d
    own_policy=1
  fi
  as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  if [ "$own_policy" = 1 ]; then as_root rm -f /usr/sbin/policy-rc.d; fi
fi

# MariaDB on the loopback interface only, no networking beyond it.
if [ ! -f /etc/mysql/mariadb.conf.d/99-sales-kpi.cnf ]; then
  printf '[mysqld]\nbind-address = 127.0.0.1\nskip-name-resolve\n' | as_root tee /etc/mysql/mariadb.conf.d/99-sales-kpi.cnf >/dev/null
fi
if ! as_root mysqladmin ping --silent >/dev/null 2>&1; then
  say "starting MariaDB"
  as_root service mariadb start >/dev/null
  started mariadb
fi
as_root mysql -e "CREATE DATABASE IF NOT EXISTS wordpress CHARACTER SET utf8mb4;
  CREATE USER IF NOT EXISTS 'wordpress'@'localhost' IDENTIFIED BY 'wordpress-test';
  GRANT ALL ON wordpress.* TO 'wordpress'@'localhost';"

if [ ! -f "$CONFIG" ]; then
  say "writing $CONFIG"
  as_root tee "$CONFIG" >/dev/null <<PHP
<?php
define('DB_NAME', 'wordpress');
define('DB_USER', 'wordpress');
define('DB_PASSWORD', 'wordpress-test');
define('DB_HOST', 'localhost');
define('WP_CONTENT_DIR', '/var/lib/wordpress/wp-content');
// Plugins are installed from their zip with WordPress's own upgrader, writing files directly.
define('FS_METHOD', 'direct');
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('DISABLE_WP_CRON', true);
define('AUTH_KEY', 'sales-kpi-test-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')');
define('SECURE_AUTH_KEY', AUTH_KEY . 's');
define('LOGGED_IN_KEY', AUTH_KEY . 'l');
define('NONCE_KEY', AUTH_KEY . 'n');
define('AUTH_SALT', AUTH_KEY . 'as');
define('SECURE_AUTH_SALT', AUTH_KEY . 'ss');
define('LOGGED_IN_SALT', AUTH_KEY . 'ls');
define('NONCE_SALT', AUTH_KEY . 'ns');
PHP
fi
# The test site asks no other site: the first wp-admin page asks wordpress.org for updates (6
# requests) and each Dashboard for browser and PHP checks (2), and without PHP's curl each waits
# for the resolver where that site cannot be reached (a log-in once waited 120 s). The site's own
# host is still asked (127.0.0.1, so the pasted links' :8080 too). Configs written before said false.
as_root sed -i "s/define('WP_HTTP_BLOCK_EXTERNAL', false);/define('WP_HTTP_BLOCK_EXTERNAL', true);/" "$CONFIG"

# Apache: only 127.0.0.1:80, the WordPress site as the only virtual host.
if [ ! -f /etc/apache2/sites-available/sales-kpi-wordpress.conf ]; then
  say "configuring Apache on $SITE_HOST:80"
  echo "Listen $SITE_HOST:80" | as_root tee /etc/apache2/ports.conf >/dev/null
  echo "ServerName $SITE_HOST" | as_root tee /etc/apache2/conf-available/sales-kpi-servername.conf >/dev/null
  as_root a2enconf -q sales-kpi-servername >/dev/null
  as_root tee /etc/apache2/sites-available/sales-kpi-wordpress.conf >/dev/null <<CONF
<VirtualHost $SITE_HOST:80>
  ServerName $SITE_HOST
  DocumentRoot $WP
  DirectoryIndex index.php index.html
  Alias /wp-content /var/lib/wordpress/wp-content
  <Directory $WP>
    Options FollowSymLinks
    AllowOverride Limit Options FileInfo
    Require all granted
  </Directory>
  <Directory /var/lib/wordpress/wp-content>
    Options FollowSymLinks
    Require all granted
  </Directory>
</VirtualHost>
CONF
  as_root a2dissite -q 000-default >/dev/null || true
  as_root a2ensite -q sales-kpi-wordpress >/dev/null
  as_root a2enmod -q php8.2 rewrite >/dev/null 2>&1 || as_root a2enmod -q rewrite >/dev/null
fi
if ! (exec 3<>/dev/tcp/$SITE_HOST/80) 2>/dev/null; then
  say "starting Apache"
  as_root service apache2 start >/dev/null
  started apache2
fi

# WordPress itself, once: the site, an administrator, an author, the default theme.
as_root php -d display_errors=stderr -r '
  $_SERVER["HTTP_HOST"] = "'$SITE_HOST'";
  define("WP_INSTALLING", true);
  function wp_mail() { return true; }  // no mail from a test site (and no sendmail here)
  require "'$WP'/wp-load.php";
  require_once ABSPATH . "wp-admin/includes/upgrade.php";
  if (!is_blog_installed()) {
    wp_install("sales-kpi test blog", "admin", "admin@example.test", false, "", "admin-pass");
    update_option("siteurl", "http://'$SITE_HOST'");
    update_option("home", "http://'$SITE_HOST'");
    fwrite(STDOUT, "[wordpress] installed WordPress " . get_bloginfo("version") . "\n");
  }
  if (!get_user_by("login", "author")) {
    wp_insert_user(["user_login" => "author", "user_pass" => "author-pass", "user_email" => "author@example.test", "role" => "author"]);
  }
'
# Everything under wp-content belongs to the web server, as the Upload Plugin form needs.
as_root chown -R www-data:www-data /var/lib/wordpress/wp-content
say "ready: http://$SITE_HOST/ (WordPress $(sed -n "s/^\$wp_version = '\(.*\)';/\1/p" $WP/wp-includes/version.php))"
