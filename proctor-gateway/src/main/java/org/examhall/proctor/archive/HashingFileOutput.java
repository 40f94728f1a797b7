package org.examhall.proctor.archive;

import static org.bytedeco.ffmpeg.global.avformat.avio_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avio_context_free;
import static org.bytedeco.ffmpeg.global.avformat.avio_flush;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.Write_packet_Pointer_BytePointer_int;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.examhall.protocol.crypto.Sm3;

/**
 * The muxer's output file, hashed with SM3 as the bytes go to disk: the manifest needs every segment's hash,
 * and hashing on the way out saves reading each segment back, which on a busy gateway is most of the cost
 * of the archive beyond what the {@code ffmpeg} command line does. The hash covers exactly the bytes written.
 */
final class HashingFileOutput implements AutoCloseable {

    private static final int BUFFER = 64 * 1024;
    private static final int EIO = 5;
    /** The open outputs by the address of their {@code opaque} token, which FFmpeg hands back to the callback. */
    private static final Map<Long, HashingFileOutput> OPEN = new ConcurrentHashMap<>();
    /**
     * One native callback for every output: JavaCPP has a small fixed number of native entry points per callback
     * class, and once they are taken a new callback is a null pointer, to which FFmpeg silently writes nothing.
     */
    private static final Write_packet_Pointer_BytePointer_int WRITER = new Write_packet_Pointer_BytePointer_int() {
        @Override
        public int call(Pointer opaque, BytePointer data, int size) {
            HashingFileOutput output = OPEN.get(opaque.address());
            return output == null ? -EIO : output.write(data, size);
        }
    };

    private final FileChannel channel;
    private final SM3Digest digest = new SM3Digest();
    /** Native memory whose only use is its unique address, naming this output to the shared callback. */
    private final BytePointer token = new BytePointer(1);

    private final AVIOContext context;
    private byte[] chunk = new byte[BUFFER];
    private long bytes;
    private IOException failure;
    private String sm3;

    HashingFileOutput(Path file) throws IOException {
        channel = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        BytePointer buffer = new BytePointer(av_malloc(BUFFER));
        context = avio_alloc_context(buffer, BUFFER, 1, token, null, WRITER, null);
        if (context == null) {
            av_free(buffer);
            channel.close();
            token.close();
            throw new IOException("cannot allocate the output context for " + file);
        }
        OPEN.put(token.address(), this);
    }

    AVIOContext context() {
        return context;
    }

    private int write(BytePointer data, int size) {
        if (failure != null) {
            return -EIO;
        }
        try {
            if (chunk.length < size) {
                chunk = new byte[size];
            }
            data.position(0).get(chunk, 0, size);
            digest.update(chunk, 0, size);
            ByteBuffer out = ByteBuffer.wrap(chunk, 0, size);
            while (out.hasRemaining()) {
                channel.write(out);
            }
            bytes += size;
            return size;
        } catch (IOException e) {
            failure = e;
            return -EIO;
        }
    }

    /** The first write error, if any: FFmpeg only sees EIO. */
    IOException failure() {
        return failure;
    }

    long bytes() {
        return bytes;
    }

    /** The SM3 of everything written, once closed. */
    String sm3() {
        return sm3;
    }

    /** Flushes FFmpeg's buffer, makes the file durable and frees the context. */
    @Override
    public void close() throws IOException {
        if (sm3 != null) {
            return;
        }
        try {
            avio_flush(context);
            if (failure != null) {
                throw failure;
            }
            if (bytes == 0) {
                // A muxer always writes something; an empty file means the output never reached the disk.
                throw new IOException("nothing reached the segment file");
            }
            channel.force(true);
        } finally {
            OPEN.remove(token.address());
            av_free(context.buffer());
            avio_context_free(context);
            token.close();
            channel.close();
            sm3 = Sm3.hex(digest);
        }
    }
}
