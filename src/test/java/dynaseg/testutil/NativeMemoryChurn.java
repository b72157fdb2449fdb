package dynaseg.testutil;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * What a busy training process does to native memory between a forward and a backward pass:
 * a garbage collection frees the direct buffers of closed arrays, and new small buffers take
 * their place. A gradient that reads freed memory (see {@code dynaseg.nn.Scalars}) changes under
 * it; a correct one does not.
 */
public final class NativeMemoryChurn {
    private NativeMemoryChurn() {}

    public static void run() {
        System.gc();
        try {
            Thread.sleep(30); // the reference handler frees the collected buffers
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<ByteBuffer> reuse = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            reuse.add(ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder()).putFloat(0, 1234.5f));
        }
    }
}
