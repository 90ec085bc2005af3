package io.sluice.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free TCP ports on 127.0.0.1, so the stack never assumes 9092 or 8081 are available. */
final class Loopback {

    static final String HOST = "127.0.0.1";

    private Loopback() {}

    /**
     * Returns {@code count} distinct ports that were free a moment ago.
     *
     * <p>All sockets are held open until every port is picked, otherwise the kernel may hand out
     * the same ephemeral port twice. Another process can still grab a port between this call and
     * the real bind; on loopback with ephemeral ports that race is rare enough for a dev stack.
     */
    static int[] freePorts(int count) throws IOException {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getByName(HOST));
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    socket.close();
                }
            }
        }
    }

    static int freePort() throws IOException {
        return freePorts(1)[0];
    }
}
