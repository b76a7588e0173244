"""A small Asterisk Manager Interface speaker: greets, checks the login, answers pings and plays a scripted
list of events to every logged-in client, like an Asterisk during a few calls."""
import asyncio
import threading

EOL = "\r\n"


def message(fields):
    return "".join("%s: %s%s" % (key, value, EOL) for key, value in fields) + EOL


class AmiSpeaker:
    def __init__(self, username, secret, events, delay=0.05):
        self.username, self.secret = username, secret
        self.events = events  # list of lists of (key, value)
        self.delay = delay
        self.logins = []
        self.port = None
        self._loop = None
        self._thread = None
        self._ready = threading.Event()

    async def _handle(self, reader, writer):
        writer.write(("Asterisk Call Manager/5.0.1" + EOL).encode())
        buffer = ""
        while True:
            data = await reader.read(4096)
            if not data:
                break
            buffer += data.decode()
            while EOL + EOL in buffer:
                block, buffer = buffer.split(EOL + EOL, 1)
                fields = dict(line.split(": ", 1) for line in block.split(EOL) if ": " in line)
                action = fields.get("Action", "").lower()
                action_id = fields.get("ActionID", "")
                if action == "login":
                    ok = fields.get("Username") == self.username and fields.get("Secret") == self.secret
                    self.logins.append(ok)
                    writer.write(message([("Response", "Success" if ok else "Error"), ("ActionID", action_id),
                                          ("Message", "Authentication accepted" if ok
                                           else "Authentication failed")]).encode())
                    await writer.drain()
                    if ok:
                        asyncio.ensure_future(self._play(writer))
                    else:
                        writer.close()
                        return
                else:
                    writer.write(message([("Response", "Success"), ("ActionID", action_id),
                                          ("Ping", "Pong")]).encode())
                    await writer.drain()
        writer.close()

    async def _play(self, writer):
        writer.write(message([("Event", "FullyBooted"), ("Privilege", "system,all"), ("Status", "Fully Booted")])
                     .encode())
        for fields in self.events:
            await asyncio.sleep(self.delay)
            writer.write(message([("Privilege", "call,all")][:0] + list(fields)).encode())
            await writer.drain()

    def start(self):
        def run():
            self._loop = asyncio.new_event_loop()
            asyncio.set_event_loop(self._loop)
            server = self._loop.run_until_complete(asyncio.start_server(self._handle, "127.0.0.1", 0))
            self.port = server.sockets[0].getsockname()[1]
            self._ready.set()
            self._loop.run_forever()
            server.close()
        self._thread = threading.Thread(target=run, daemon=True)
        self._thread.start()
        self._ready.wait(10)
        return self

    def stop(self):
        if self._loop:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(5)
