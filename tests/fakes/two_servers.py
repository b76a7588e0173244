"""Two Odoo servers (two workers and one cron worker each) on one PostgreSQL cluster of their own, behind
the project's nginx: the load test restarts that cluster, so every other test keeps its own.

The cluster is made by scripts/pg.sh with PGHOME/PGPORT of its own; the database is a copy (pg_dump) of the
pytest session's database, with its filestore, under a name of its own."""
import os
import shutil
import subprocess

from .odoo_stack import stop, wait_http

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LOCAL = os.path.join(ROOT, ".local")


class TwoServers:
    """Where the stack is: the proxy's url, each server's own url and log, the cluster's environment."""

    def __init__(self, source_db, db, ports, pghome):
        self.source_db, self.db, self.pghome = source_db, db, pghome
        public, pgport, *server_ports = ports
        self.url = "http://127.0.0.1:%d" % public
        self.http_ports, self.longpolling_ports = server_ports[0::2], server_ports[1::2]
        self.server_urls = ["http://127.0.0.1:%d" % port for port in self.http_ports]
        self.longpolling_urls = ["http://127.0.0.1:%d" % port for port in self.longpolling_ports]
        self.logs = [os.path.join(LOCAL, "pytest-load-server-%d.log" % i) for i in range(2)]
        self.pg_env = dict(os.environ, PGHOME=pghome, PGPORT=str(pgport))
        self.pgsock = os.path.join(pghome, "run")
        self.pgport = pgport
        self.processes = []

    def start(self):
        self.postgresql("start")
        self._copy_database()
        for log in self.logs:
            if os.path.exists(log):
                os.remove(log)
        for http_port, longpolling_port, log in zip(self.http_ports, self.longpolling_ports, self.logs):
            self.processes.append(subprocess.Popen([
                os.path.join(ROOT, ".venv", "bin", "python"), os.path.join(ROOT, "scripts", "odoo-bin"),
                "-c", os.path.join(LOCAL, "odoo.conf"), "--db_host=" + self.pgsock, "--db_port=%d" % self.pgport,
                "-d", self.db, "--http-interface=127.0.0.1", "--http-port=%d" % http_port,
                "--longpolling-port=%d" % longpolling_port, "--workers=2", "--max-cron-threads=1",
                "--limit-time-real=300", "--proxy-mode", "--logfile=" + log],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True))
        self.processes.append(subprocess.Popen([
            "bash", os.path.join(ROOT, "scripts", "proxy.sh"), self.url.rsplit(":", 1)[1],
            ",".join(map(str, self.http_ports)), ",".join(map(str, self.longpolling_ports)),
            os.path.join(LOCAL, "pytest-load-proxy")], start_new_session=True))
        for url in [self.url] + self.server_urls:
            if not wait_http(url, process=self.processes[0]):
                raise RuntimeError("the two-server stack did not start, see %s" % ", ".join(self.logs))

    def stop(self):
        for process in reversed(self.processes):
            stop(process)
        self.postgresql("stop")
        shutil.rmtree(self.pghome, ignore_errors=True)
        shutil.rmtree(self._filestore(self.db), ignore_errors=True)

    def postgresql(self, action):
        subprocess.run(["bash", os.path.join(ROOT, "scripts", "pg.sh"), action], env=self.pg_env, check=True,
                       stdout=subprocess.DEVNULL)

    def answered_500(self):
        """Requests either server answered with 500 (werkzeug's access log lines)."""
        lines = []
        for log in self.logs:
            with open(log, encoding="utf-8", errors="replace") as server_log:
                lines += [line.rstrip() for line in server_log if '" 500 ' in line]
        return lines

    def log_lines(self, text):
        lines = []
        for log in self.logs:
            with open(log, encoding="utf-8", errors="replace") as server_log:
                lines += [line.rstrip() for line in server_log if text in line]
        return lines

    def _copy_database(self):
        """The session database into the cluster: createdb, pg_dump | pg_restore, the filestore copied."""
        script = ('source scripts/env.sh; dump="$PGBIN/pg_dump"; restore="$PGBIN/pg_restore"; '
                  'createdb="$PGBIN/createdb"; PGHOST="$1" PGPORT="$2" "$createdb" "$4" && '
                  '"$dump" -Fc -d "$3" | PGHOST="$1" PGPORT="$2" "$restore" --no-owner -d "$4"')
        subprocess.run(["bash", "-c", script, "copy", self.pgsock, str(self.pgport), self.source_db, self.db],
                       cwd=ROOT, check=True)
        source = self._filestore(self.source_db)
        shutil.rmtree(self._filestore(self.db), ignore_errors=True)
        if os.path.isdir(source):
            shutil.copytree(source, self._filestore(self.db))

    @staticmethod
    def _filestore(db):
        return os.path.join(LOCAL, "data", "filestore", db)
