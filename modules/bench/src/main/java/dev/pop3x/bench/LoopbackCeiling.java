package dev.pop3x.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The most a POP3 server could send on this machine: a stand-in server that answers one RETR with as many octets as
 * W1's RETR of every message, already encoded, in 64 KB writes through a loopback socket, read by the load client's
 * own code. In MB/s.
 */
final class LoopbackCeiling {
    private LoopbackCeiling() {
    }

    static double megabytesPerSecond(long octets) throws Exception {
        byte[] line = "a line of mail as POP3 sends it, with its CRLF, about as long as lines in mail are......\r\n"
            .getBytes(StandardCharsets.US_ASCII);
        byte[] chunk = new byte[line.length * (64 * 1024 / line.length)];
        for (int i = 0; i < chunk.length; i += line.length) {
            System.arraycopy(line, 0, chunk, i, line.length);
        }
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            long whole = octets - octets % line.length;
            Thread sender = new Thread(() -> serve(server, chunk, whole), "loopback-ceiling");
            sender.start();
            long received;
            long start = System.nanoTime();
            try (FastPop3Client client = new FastPop3Client(server.getLocalPort())) {
                received = client.multiline("RETR 1");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            sender.join();
            return received / 1e6 / seconds;
        }
    }

    private static void serve(ServerSocket server, byte[] chunk, long octets) {
        try (Socket socket = server.accept(); OutputStream out = socket.getOutputStream();
             BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))) {
            out.write("+OK ready\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            in.readLine();
            out.write("+OK message follows\r\n".getBytes(StandardCharsets.US_ASCII));
            long left = octets;
            while (left > 0) {
                int length = (int) Math.min(chunk.length, left);
                out.write(chunk, 0, length);
                left -= length;
            }
            out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
