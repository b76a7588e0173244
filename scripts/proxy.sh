#!/usr/bin/env bash
# The reverse proxy in front of one or more multi-worker Odoo servers on one database, as in production:
# /longpolling goes to the gevent processes, everything else to the HTTP workers, spread over the servers;
# webhook bodies over 64 KB end at nginx. Runs nginx in the foreground.
# Usage: proxy.sh PUBLIC_PORT ODOO_HTTP_PORT[,PORT...] LONGPOLLING_PORT[,PORT...] STATE_DIR
source "$(dirname "$0")/env.sh"
public="$1" http="$2" longpolling="$3" dir="$4"
mkdir -p "$dir/tmp"
command -v nginx >/dev/null || die "nginx missing: run make bootstrap"
user_line=""; [ "$(id -u)" = 0 ] && user_line="user root;"
# "server 127.0.0.1:PORT ...;" lines of an upstream: a server that refuses connections (restarting) is passed
# over for 2 s; a request it already received is not sent twice (nginx never repeats a POST on its own).
servers() { local port; for port in ${1//,/ }; do printf '        server 127.0.0.1:%s max_fails=1 fail_timeout=2s;\n' "$port"; done; }
cat >"$dir/nginx.conf" <<CONF
$user_line
worker_processes 1;
daemon off;
pid $dir/nginx.pid;
error_log $dir/nginx-error.log warn;
events { worker_connections 512; }
http {
    access_log off;
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    upstream odoo_http {
$(servers "$http")
    }
    upstream odoo_longpolling {
$(servers "$longpolling")
    }
    client_max_body_size 128m;
    proxy_read_timeout 720s;
    proxy_http_version 1.1;
    proxy_set_header Host \$http_host;
    proxy_set_header X-Forwarded-Host \$http_host;
    proxy_set_header X-Forwarded-For \$remote_addr;
    proxy_set_header X-Forwarded-Proto \$scheme;
    server {
        listen $public;
        location /longpolling { proxy_pass http://odoo_longpolling; }
        location / { proxy_pass http://odoo_http; proxy_redirect off; }
        # the telephone systems' webhooks: nginx refuses bodies over 64 KB itself (413), as Odoo does
        location /crm_telephony/ {
            client_max_body_size 64k;
            proxy_pass http://odoo_http;
            proxy_redirect off;
        }
    }
}
CONF
exec nginx -c "$dir/nginx.conf" -p "$dir"
