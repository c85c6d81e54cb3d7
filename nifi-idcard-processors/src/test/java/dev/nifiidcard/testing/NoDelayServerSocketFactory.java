package dev.nifiidcard.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ServerSocketFactory;

/**
 * Server sockets whose accepted connections have Nagle's algorithm off. MockWebServer flushes an answer's headers
 * before writing its body; with Nagle on, the body waits for the client's delayed ACK of the headers (about 40 ms on
 * Linux) and a test of many calls spends most of its time waiting.
 */
public final class NoDelayServerSocketFactory extends ServerSocketFactory {

    @Override
    public ServerSocket createServerSocket() throws IOException {
        return new NoDelayServerSocket();
    }

    @Override
    public ServerSocket createServerSocket(final int port) throws IOException {
        return bound(port, 50, null);
    }

    @Override
    public ServerSocket createServerSocket(final int port, final int backlog) throws IOException {
        return bound(port, backlog, null);
    }

    @Override
    public ServerSocket createServerSocket(final int port, final int backlog, final InetAddress address) throws IOException {
        return bound(port, backlog, address);
    }

    private static ServerSocket bound(final int port, final int backlog, final InetAddress address) throws IOException {
        final ServerSocket socket = new NoDelayServerSocket();
        socket.bind(new InetSocketAddress(address, port), backlog);
        return socket;
    }

    private static final class NoDelayServerSocket extends ServerSocket {
        NoDelayServerSocket() throws IOException {
            super();
        }

        @Override
        public Socket accept() throws IOException {
            final Socket socket = super.accept();
            socket.setTcpNoDelay(true);
            return socket;
        }
    }
}
