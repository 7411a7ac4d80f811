package dev.tierfeed.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/** Port checks on the loopback address. */
public final class FreePorts {
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private FreePorts() {
    }

    /** A port that is free now and was not handed out before by this JVM. */
    public static synchronized int next() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = socket.getLocalPort();
                if (HANDED_OUT.add(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new StackException("no free port found on the loopback address");
    }

    /** Whether nothing listens on {@code port} at 127.0.0.1 (and we may bind it). */
    public static boolean isFree(int port) {
        return isFree("127.0.0.1", port);
    }

    /** Whether nothing listens on {@code port} at the loopback address {@code host} (and we may bind it). */
    public static boolean isFree(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // as the servers bind: connections of a process that just stopped (TIME_WAIT) do not hold the port
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether something accepts connections on {@code port} at 127.0.0.1. */
    public static boolean isListening(int port) {
        return isListening("127.0.0.1", port);
    }

    /** Whether something accepts connections on {@code port} at the loopback address {@code host}. */
    public static boolean isListening(String host, int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
